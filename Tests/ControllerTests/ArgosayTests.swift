import Templates
import Testing
import TestSupport
import Foundation
@testable import Controller
@testable import Executor

/// Runs argosay with stdout and stderr captured in temp files.
func captureArgosay(_ args: [String]) async throws -> (code: Int32, out: String, err: String) {
    let dir = ScratchDirectory.url("argosay")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outPath = dir.appendingPathComponent("out").path, errPath = dir.appendingPathComponent("err").path
    let out = open(outPath, O_WRONLY | O_CREAT, 0o644), err = open(errPath, O_WRONLY | O_CREAT, 0o644)
    let code = await Argosay.run(args, stdout: out, stderr: err)
    close(out); close(err)
    return (code, try String(contentsOfFile: outPath, encoding: .utf8), try String(contentsOfFile: errPath, encoding: .utf8))
}

@Suite struct ArgosayTests {
    @Test func noArgumentsSaysHelloArgoOnStderrLikeGoPrintln() async throws {
        let r = try await captureArgosay([])
        #expect(r.code == 0 && r.out == "" && r.err == "hello argo\n")
    }

    @Test func echoMessageAndEchoToFileCreatingDirectories() async throws {
        let r = try await captureArgosay(["echo", "hi there"])
        #expect(r.err == "hi there\n")
        let file = ScratchDirectory.url("argosay").appendingPathComponent("a/b.txt").path
        #expect(try await captureArgosay(["echo", "content", file]).code == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "content")
        let cat = try await captureArgosay(["cat", file, file])
        #expect(cat.out == "contentcontent")
        #expect(try await captureArgosay(["assert_contains", file, "tent"]).code == 0)
        let failed = try await captureArgosay(["assert_contains", file, "zzz"])
        #expect(failed.code == 2)
        #expect(failed.err == "panic: expected \"\(file)\" to contain \"zzz\", but was \"content\"\n")
    }

    static let exitTable: [(args: [String], code: Int32)] = [
        (["exit"], 0), (["exit", "0"], 0), (["exit", "3"], 3), (["exit", "x"], 2),
        (["cat", "/nonexistent/file"], 2), (["garbage"], 2), (["echo", "a", "b", "c"], 2),
        (["sleep", "10ms"], 0), (["sleep", "ten"], 2), (["sh", "exit", "5"], 5),
    ]

    @Test(arguments: exitTable.indices)
    func exitCodes(_ index: Int) async throws {
        let row = Self.exitTable[index]
        #expect(try await captureArgosay(row.args).code == row.code, "\(row.args)")
    }

    @Test func goDurations() throws {
        #expect(try SleepDuration.parse("10s").get() == .seconds(10))
        #expect(try SleepDuration.parse("1m30s").get() == .seconds(90))
        #expect(try SleepDuration.parse("500ms").get() == .milliseconds(500))
        #expect(try SleepDuration.parse("1h").get() == .seconds(3600))
        #expect(try SleepDuration.parse("2").get() == .seconds(2))
        #expect(try SleepDuration.parse("1.5s").get() == .milliseconds(1500))
        #expect(SleepDuration.parse("s") == .failure(GoDurationText.Failure(#"time: invalid duration "s""#)))
        #expect(SleepDuration.parse("5x") == .failure(GoDurationText.Failure(#"time: unknown unit "x" in duration "5x""#)))
    }

    @Test func cowsayDrawsTheBubble() async throws {
        let r = try await captureArgosay(["cowsay", "hello", "world"])
        #expect(r.out.hasPrefix(" _____________ \n< hello world >\n ------------- \n"))
        #expect(Cowsay.wrap(String(repeating: "word ", count: 20), width: 40).allSatisfy { $0.count <= 40 })
    }
}
