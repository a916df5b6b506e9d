import Testing
import TestSupport
import Foundation
import Templates
@testable import Controller
@testable import Executor

@Suite struct EmissaryTests {
    struct Run { var code: Int32; var out: String; var err: String; var report: JSONValue? }

    func temp() throws -> URL {
        let dir = ScratchDirectory.url("emissary")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func emissary(_ command: [String], params: [JSONValue] = [], in dir: URL,
                  configure: (inout EmissaryOptions) -> Void = { _ in }) async throws -> Run {
        var o = EmissaryOptions(command: command)
        o.taskResultFile = dir.appendingPathComponent("task-result.json").path
        o.outputParameters = params
        configure(&o)
        let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644), err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let code = Emissary.run(o, stdout: out, stderr: err)
        close(out); close(err)
        let data = FileManager.default.contents(atPath: o.taskResultFile!) ?? Data()
        return Run(code: code, out: try String(contentsOfFile: outPath, encoding: .utf8),
                   err: try String(contentsOfFile: errPath, encoding: .utf8),
                   report: try? JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test(arguments: [("printf 'hello\\n'", "hello"), ("printf 'a\\n\\n'", "a\n"), ("printf abc", "abc"), ("true", "")])
    func resultIsStdoutMinusOneTrailingNewline(_ script: String, _ expected: String) async throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await emissary(["sh", "-c", script + "; echo to-stderr >&2"], in: dir)
        #expect(r.code == 0)
        #expect(r.report?["outputs"]?["result"]?.stringValue == expected)
        #expect(r.report?["phase"]?.stringValue == "Succeeded")
        #expect(r.err == "to-stderr\n")
        #expect(r.out == (expected.isEmpty ? "" : expected + "\n") || r.out == expected)
    }

    @Test func resultKeepsTheLast256KiB() async throws {
        var capture = ResultCapture()
        capture.append(Array(repeating: UInt8(ascii: "a"), count: 100))
        capture.append(Array(repeating: UInt8(ascii: "b"), count: ResultCapture.maxResultBytes))
        capture.append([UInt8(ascii: "\n")])
        let allB = capture.result == String(repeating: "b", count: ResultCapture.maxResultBytes)
        let truncated = capture.truncated
        #expect(allB && truncated)
        var exact = ResultCapture()
        exact.append(Array(repeating: UInt8(ascii: "b"), count: ResultCapture.maxResultBytes))
        exact.append([UInt8(ascii: "\n")])
        let exactTruncated = exact.truncated
        #expect(!exactTruncated)
        capture.append([UInt8(ascii: "c")])
        let tail = capture.result
        #expect(tail.hasSuffix("b\nc") && tail.utf8.count == ResultCapture.maxResultBytes)

        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await emissary(["sh", "-c", "printf start; head -c 300000 /dev/zero | tr '\\0' x; echo"], in: dir)
        let result = r.report?["outputs"]?["result"]?.stringValue ?? ""
        #expect(result.utf8.count == 256 * 1024 && result.allSatisfy { $0 == "x" })
        #expect(r.out.utf8.count == 300_006)
    }

    @Test func exitCodeIsPassedThrough() async throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await emissary(["sh", "-c", "exit 7"], in: dir)
        #expect(r.code == 7)
        #expect(r.report?["outputs"]?["exitCode"]?.stringValue == "7")
        #expect(r.report?["phase"]?.stringValue == "Failed")
        #expect(r.report?["message"]?.stringValue == "Error (exit code 7)")
        let missing = try await emissary(["no-such-command-xyz"], in: dir)
        #expect(missing.code == Emissary.notFoundExitCode)
        #expect(missing.err.contains("failed to start command \"no-such-command-xyz\": executable file not found in $PATH"))
        // A command ended by a signal exits 128 + the signal, as a container's exit code does.
        let killed = try await emissary(["sh", "-c", "echo before; kill -TERM $$"], in: dir)
        #expect(killed.code == 128 + 15)
        #expect(killed.out == "before\n")
        #expect(killed.report?["outputs"]?["exitCode"]?.stringValue == "143")
    }

    @Test func outputParametersFromFilesWithDefaults() async throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.path
        let params: [JSONValue] = [
            .object(["name": "a", "valueFrom": .object(["path": .string(p + "/a.txt")])]),
            .object(["name": "b", "valueFrom": .object(["path": .string(p + "/missing"), "default": "fallback"])]),
            .object(["name": "c", "valueFrom": .object(["supplied": .object([:])])]),
        ]
        let r = try await emissary(["sh", "-c", "printf 'value\\n' > \(p)/a.txt"], params: params, in: dir)
        let out = r.report?["outputs"]?["parameters"]?.arrayValue ?? []
        #expect(r.code == 0 && out.count == 3)
        #expect(out.first?["value"]?.stringValue == "value")
        #expect(out.dropFirst().first?["value"]?.stringValue == "fallback")
        #expect(out.last?["value"] == nil)
    }

    @Test func missingOutputParameterFileWithoutDefaultFailsTheNode() async throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let params: [JSONValue] = [.object(["name": "x", "valueFrom": .object(["path": "/tmp/argo-lite-nope/hello.txt"])])]
        let r = try await emissary(["true"], params: params, in: dir)
        #expect(r.code == 0)
        #expect(r.report?["phase"]?.stringValue == "Failed")
        #expect(r.report?["message"]?.stringValue
                == "open /var/run/argo/outputs/parameters/tmp/argo-lite-nope/hello.txt: no such file or directory")
    }

    @Test func scriptSourceIsWrittenThenRun() async throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("staging/script").path
        let r = try await emissary(["sh", script], in: dir) { o in
            o.scriptFile = script
            o.scriptSource = .file(dir.appendingPathComponent("src").path)
            try? "echo from script $((1+2))".write(toFile: dir.appendingPathComponent("src").path, atomically: true, encoding: .utf8)
        }
        #expect(r.report?["outputs"]?["result"]?.stringValue == "from script 3")
        #expect(ScriptSource(argument: "env:X") == .environment("X"))
        #expect(ScriptSource(argument: "bogus") == nil)
    }
}
