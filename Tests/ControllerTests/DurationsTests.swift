import Testing

@testable import Controller
@testable import Operator

/// The operator's durations (retry backoff, `suspend.duration`): Argo's `parseStringToDuration`, a bare integer
/// of seconds or Go's `time.ParseDuration` (`GoDurationText`, whose own table is in GrammarTests).
@Suite struct DurationsTests {
    @Test(arguments: [
        ("10", 10.0), (" 10 ", 10), ("+5", 5), ("-5", -5), ("0", 0), ("1h30m", 5400), ("90s", 90), ("1.5m", 90),
        ("300ms", 0.3), ("-1s", -1), ("+2m", 120), (".5s", 0.5), ("2us", 0.000002),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Durations.parse(text) == seconds)
    }

    @Test(arguments: ["", " ", "abc", "5x", "1m5", "1d", "1.5", "s"])
    func rejects(text: String) {
        #expect(Durations.parse(text) == nil)
    }
}
