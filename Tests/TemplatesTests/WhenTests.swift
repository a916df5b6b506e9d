import Testing

@testable import Templates

@Suite struct WhenTests {
    /// Every `when:` of the upstream examples, after a typical substitution, with the expected decision.
    @Test(arguments: [
        ("heads == heads", true),  // {{steps.flip-coin.outputs.result}} == heads
        ("tails == heads", false),
        ("heads == tails", false),  // {{tasks.flip-coin.outputs.result}} == tails
        ("YES == YES", true),  // {{steps.approval.outputs.parameters.approve}} == YES
        ("even == even", true),  // {{item.evenness}} == even
        ("odd == even", false),
        ("heads =~ hea", true),  // {{steps.flip-again.outputs.result}} =~ hea
        ("tails =~ hea", false),
        ("tails =~ tai", true),
        ("Succeeded != Succeeded", false),  // {{workflow.status}} != Succeeded
        ("Failed != Succeeded", true),
        ("Failed == Succeeded", false),
        ("false", false),
        ("3 != 1 && 3 != 2", true),  // {{inputs.parameters.num}} != 1 && ... != 2
        ("2 != 1 && 2 != 2", false),
        ("( heads == heads &&\n  tails == tails\n) ||\n( heads == tails &&\n  tails == tails )", true),
        ("( tails == heads &&\n  heads == tails\n) ||\n( tails == tails &&\n  heads == tails )", false),
    ])
    func upstreamExamples(text: String, expected: Bool) throws {
        #expect(try WhenExpression.evaluate(text) == expected)
    }

    @Test(arguments: [
        ("", true),
        ("'heads' == \"heads\"", true),
        ("heads == 'heads'", true),
        ("1 == 1.0", true),
        ("1 == '1'", false),  // number vs string: never equal, no error
        ("10 > 9", true),
        ("'10' > '9'", false),  // strings compare lexically
        ("abc < abd", true),
        ("1 + 2 == 3", true),
        ("2 * 3 - 1 == 5", true),
        ("7 % 4 == 3", true),
        ("2 ** 3 == 8", true),
        ("a + b == ab", true),  // `+` joins strings
        ("!(1 > 2)", true),
        ("!false && true", true),
        ("true || x > 1", true),  // short circuit: the right side is never evaluated
        ("false && 1 > x", false),
        ("1 > 2 ? false : true", true),
        ("1 < 2 ? true : false", true),
        ("b in (a, b, c)", true),
        ("d in (a, b, c)", false),
        ("heads !~ tai", true),
        ("'my-pod-123' =~ '^my-pod-[0-9]+$'", true),
        ("foo_bar == foo_bar", true),
        ("-1 < 0", true),
        ("0x10 == 16", true),
    ])
    func operators(text: String, expected: Bool) throws {
        #expect(try WhenExpression.evaluate(text) == expected)
    }

    @Test(arguments: [
        ("heads == @tails", "Invalid 'when' expression 'heads == @tails': Invalid token: '@' (hint: try wrapping the affected expression in quotes (\"))"),
        ("a ==-1", "Invalid token: '==-'"),
        ("hello world == x", "Invalid 'when' expression 'hello world == x': Cannot transition token types from VARIABLE [hello] to VARIABLE [world]"),
        ("(a == b", "Invalid 'when' expression '(a == b': Unbalanced parenthesis"),
        ("'open == x", "Unclosed string literal"),
        ("1.2.3 == 1.2.3", "Unable to parse numeric value '1.2.3' to float64"),
        ("heads ==", "Unexpected end of expression"),
        ("3 < abc", "Failed to evaluate 'when' expresion '3 < abc': Value '3' cannot be used with the comparator '<', it is not a number"),
        ("heads-tails == x", "Value 'heads' cannot be used with the modifier '-', it is not a number"),
        ("yes && true", "Value 'yes' cannot be used with the logical operator '&&', it is not a bool"),
        ("heads", "Expected boolean evaluation for 'heads'. Got heads"),
        ("1 + 2", "Expected boolean evaluation for '1 + 2'. Got 3"),
        ("1000000 + 0", "Got 1e+06"),
        ("a =~ '('", "Unable to compile regexp pattern '('"),
    ])
    func errors(text: String, message: String) {
        #expect {
            try WhenExpression.evaluate(text)
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            if !d.message.contains(message) { print("got: \(d.message)") }
            return d.message.contains(message)
        }
    }

    @Test func validateChecksSyntaxOnly() {
        #expect(WhenExpression.validate("{{steps.x.outputs.result}} == heads") != nil)  // `{{` is an invalid token
        #expect(WhenExpression.validate("heads == heads") == nil)
        #expect(WhenExpression.validate("3 < abc") == nil)  // a type error shows only when evaluated
        #expect(WhenExpression.validate("a ==") != nil)
    }

    @Test func substitutedExampleEndToEnd() throws {
        let scope = ["steps.flip-coin.outputs.result": "tails", "inputs.parameters.num": "4"]
        let when = "{{steps.flip-coin.outputs.result}} == tails && {{inputs.parameters.num}} != 1"
        let text = try Substitution.replace(when, scope: scope, allowUnresolved: false)
        #expect(try WhenExpression.evaluate(text))
    }
}
