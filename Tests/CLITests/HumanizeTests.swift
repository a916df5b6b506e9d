import Controller
import Foundation
import Testing
@testable import argo_lite

@Suite struct HumanizeTests {
    let t0 = KubeTimeText.parse("2024-03-01T10:00:00Z")!

    @Test(arguments: [(0.0, "0s"), (0.9, "0s"), (1, "1s"), (59, "59s"), (60, "1m"), (119, "1m"), (120, "2m"),
                      (3599, "59m"), (3600, "1h"), (5400, "1h"), (7200, "2h"), (86_399, "23h"), (86_400, "1d"),
                      (3 * 86_400, "3d"), (10 * 86_400, "10d")] as [(Double, String)])
    func shortDurations(seconds: Double, text: String) {
        #expect(Humanize.relativeDurationShort(t0, t0.addingTimeInterval(seconds), now: t0) == text)
    }

    @Test func unfinishedIntervalsRunUntilNowAndMissingOnesAreZero() {
        #expect(Humanize.relativeDurationShort(t0, nil, now: t0.addingTimeInterval(90)) == "1m")
        #expect(Humanize.relativeDurationShort(nil, nil, now: t0) == "0s")
    }

    /// argo's humanize_test.go `TestDuration` and `TestRelativeDuration`.
    @Test(arguments: [(1.0, "1 second"), (59, "59 seconds"), (60, "1 minute 0 seconds"), (90, "1 minute 30 seconds"),
                      (3600, "1 hour 0 minutes"), (5400, "1 hour 30 minutes"), (7200, "2 hours 0 minutes"),
                      (36_000, "10 hours 0 minutes"), (86_400, "1 day 0 hours"), (0, "0 seconds")] as [(Double, String)])
    func longDurations(seconds: Double, text: String) {
        #expect(Humanize.duration(seconds) == text)
    }

    @Test func agoTexts() {
        #expect(Humanize.ago(t0, now: t0) == "now")
        #expect(Humanize.ago(t0, now: t0.addingTimeInterval(1)) == "1 second ago")
        #expect(Humanize.ago(t0, now: t0.addingTimeInterval(300)) == "5 minutes ago")
        #expect(Humanize.ago(t0.addingTimeInterval(7200), now: t0) == "2 hours from now")
    }

    @Test func timestampsPrintInGoLayouts() throws {
        let tz = try #require(TimeZone(secondsFromGMT: -7 * 3600))
        #expect(KubeTimeText.goFormat(t0, timeZone: tz) == "Fri Mar 01 03:00:00 -0700")
        #expect(KubeTimeText.goString(t0, timeZone: TimeZone(secondsFromGMT: 0)!) == "2024-03-01 10:00:00 +0000 UTC")
    }

    @Test func kubernetesTimesParseWithFractionsAndOffsets() {
        #expect(KubeTimeText.parse("2024-03-01T10:00:00.500Z") == t0.addingTimeInterval(0.5))
        #expect(KubeTimeText.parse("2024-03-01T12:00:00+02:00") == t0)
        #expect(KubeTimeText.parse("yesterday") == nil)
        #expect(KubeTimeText.format(t0) == "2024-03-01T10:00:00Z")
    }
}

@Suite struct TabWriterTests {
    @Test func columnsAreAsWideAsTheirWidestCellPlusPadding() {
        var w = TabWriter(padding: 2)
        w.write("a\tbb\tc\n")
        w.write("aaa\tb\tc\n")
        #expect(w.flush() == "a    bb  c\naaa  b   c\n")
    }

    /// A line with fewer cells ends the column block, as in Go's text/tabwriter.
    @Test func aShortLineEndsAColumnBlock() {
        var w = TabWriter(padding: 1)
        w.write("aaaa\tb\n")
        w.write("x\n")
        w.write("c\td\n")
        #expect(w.flush() == "aaaa b\nx\nc d\n")
    }

    @Test func widthCountsUnicodeScalars() {
        var w = TabWriter(padding: 2)
        w.write("✔ a\tx\n├─✔ bb\ty\n")
        #expect(w.flush() == "✔ a     x\n├─✔ bb  y\n")
    }
}
