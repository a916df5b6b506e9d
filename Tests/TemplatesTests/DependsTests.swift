import Testing

@testable import Templates

@Suite struct DependsTests {
    static func states(_ phases: [String: String], daemons: Set<String> = [], children: [String: [String]] = [:],
                       continueOnFailed: Set<String> = [], continueOnError: Set<String> = [])
        -> (String) -> DependsTaskState
    {
        { name in
            DependsTaskState(phase: phases[name] ?? "Pending", daemoned: daemons.contains(name),
                             childPhases: children[name], continueOnError: continueOnError.contains(name),
                             continueOnFailed: continueOnFailed.contains(name))
        }
    }

    @Test(arguments: [
        ("A", ["A": "Succeeded"], true),
        ("A", ["A": "Skipped"], true),
        ("A", ["A": "Failed"], false),
        ("A", ["A": "Error"], false),
        ("A", ["A": "Omitted"], false),
        ("A.Succeeded", ["A": "Succeeded"], true),
        ("A.Succeeded", ["A": "Skipped"], false),
        ("A.Failed", ["A": "Failed"], true),
        ("A.Errored", ["A": "Error"], true),
        ("A.Errored", ["A": "Failed"], false),
        ("A.Skipped", ["A": "Skipped"], true),
        ("A.Omitted", ["A": "Omitted"], true),
        ("!A.Failed", ["A": "Succeeded"], true),
        ("A && B", ["A": "Succeeded", "B": "Skipped"], true),
        ("A && B", ["A": "Succeeded", "B": "Failed"], false),
        ("B || C", ["B": "Failed", "C": "Succeeded"], true),
        ("B.Failed && C", ["B": "Failed", "C": "Succeeded"], true),
        ("A && (C.Succeeded || C.Failed)", ["A": "Succeeded", "C": "Failed"], true),
        ("A && (C.Succeeded || C.Failed)", ["A": "Succeeded", "C": "Error"], false),
        ("should-execute-2.Succeeded || should-not-execute", ["should-execute-2": "Skipped", "should-not-execute": "Skipped"], true),
        ("producer.Succeeded || producer.Skipped", ["producer": "Skipped"], true),
        ("!(A.Succeeded && B.Succeeded)", ["A": "Succeeded", "B": "Failed"], true),
        ("A || B && C", ["A": "Succeeded", "B": "Failed", "C": "Failed"], true),  // && binds tighter
    ])
    func evaluates(text: String, phases: [String: String], expected: Bool) throws {
        let e = try DependsExpression.parse(text)
        #expect(e.evaluate(using: Self.states(phases)) == expected)
    }

    @Test func daemonedCountsUnlessPending() throws {
        let e = try DependsExpression.parse("server")
        #expect(e.evaluate(using: Self.states(["server": "Running"], daemons: ["server"])))
        #expect(!e.evaluate(using: Self.states(["server": "Pending"], daemons: ["server"])))
        #expect(try DependsExpression.parse("server.Daemoned").evaluate(using: Self.states(["server": "Running"], daemons: ["server"])))
    }

    @Test(arguments: [
        (["Succeeded", "Failed"], true, false),
        (["Failed", "Failed"], false, true),
        (["Skipped", "Failed"], false, false),
        ([], false, false),
    ])
    func taskGroups(children: [String], anySucceeded: Bool, allFailed: Bool) throws {
        let s = Self.states(["loop": "Failed"], children: ["loop": children])
        #expect(try DependsExpression.parse("loop.AnySucceeded").evaluate(using: s) == anySucceeded)
        #expect(try DependsExpression.parse("loop.AllFailed").evaluate(using: s) == allFailed)
        #expect(try DependsExpression.parse("loop.AnySucceeded || loop.AllFailed").itemTaskNames == ["loop"])
    }

    @Test func continueOnWidensABareName() throws {
        let e = try DependsExpression.parse("A")
        #expect(e.evaluate(using: Self.states(["A": "Failed"], continueOnFailed: ["A"])))
        #expect(e.evaluate(using: Self.states(["A": "Error"], continueOnError: ["A"])))
        #expect(!e.evaluate(using: Self.states(["A": "Error"], continueOnFailed: ["A"])))
        // An explicit result is not widened.
        #expect(!(try DependsExpression.parse("A.Succeeded").evaluate(using: Self.states(["A": "Failed"], continueOnFailed: ["A"]))))
    }

    @Test func legacyDependenciesList() throws {
        let e = try #require(DependsExpression.fromDependencies(["A", "B"]))
        #expect(e == .and(.task("A"), .task("B")))
        #expect(e.description == "A && B")
        #expect(e.expanded(continueOn: { $0 == "B" ? (error: true, failed: true) : (error: false, failed: false) })
                == "((A.Succeeded || A.Skipped || A.Daemoned) && (B.Succeeded || B.Skipped || B.Daemoned || B.Errored || B.Failed))")
        #expect(e.evaluate(using: Self.states(["A": "Succeeded", "B": "Skipped"])))
        #expect(!e.evaluate(using: Self.states(["A": "Succeeded", "B": "Failed"])))
        #expect(DependsExpression.fromDependencies([]) == nil)
    }

    @Test func taskNamesInOrderOfAppearance() throws {
        let e = try DependsExpression.parse("inner-B && inner-C || (inner-B.Failed && !d1.Skipped)")
        #expect(e.taskNames == ["inner-B", "inner-C", "d1"])
        #expect(e.description == "(inner-B && inner-C) || (inner-B.Failed && !d1.Skipped)")
    }

    @Test(arguments: [
        ("", "the expression is empty"),
        ("A &&", "expected a task name at column 5, found the end"),
        ("(A || B", "expected ')' at column 8"),
        ("A B", "expected '&&', '||' or the end at column 3, found 'B'"),
        ("A.Succeded", "task result 'Succeded' for task 'A' is invalid"),
        ("A.", "expected a task result after 'A.'"),
        ("A & B", "expected '&&', '||' or the end at column 3"),
        ("-A", "expected a task name at column 1"),
    ])
    func syntaxErrors(text: String, message: String) {
        #expect {
            try DependsExpression.parse(text)
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            if !d.message.contains(message) { print("got: \(d.message)") }
            return d.message.contains(message)
        }
    }
}
