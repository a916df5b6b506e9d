import Testing
import TestSupport
import Foundation
import Templates
@testable import Controller
@testable import Executor

/// The emissary saves output artifacts to the local repository folder and places repository artifacts as inputs.
@Suite struct EmissaryArtifactTests {
    struct Run { var code: Int32; var err: String; var out: String; var report: JSONValue? }

    func temp() throws -> URL {
        let dir = ScratchDirectory.url("emissary-artifacts")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func run(_ script: String, in dir: URL, outputs: [JSONValue] = [], inputs: [InputFile] = []) -> Run {
        var o = EmissaryOptions(command: ["sh", "-c", script])
        o.taskResultFile = dir.appendingPathComponent("task-result.json").path
        o.outputArtifacts = outputs
        o.artifactTarget = OutputArtifactTarget(repositoryDirectory: dir.appendingPathComponent("repo").path, keyPrefix: "wf/wf-pod")
        o.inputFiles = inputs
        let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path
        let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644), err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let code = Emissary.run(o, stdout: out, stderr: err)
        close(out); close(err)
        let data = FileManager.default.contents(atPath: o.taskResultFile!) ?? Data()
        return Run(code: code, err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
                   out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                   report: try? JSONDecoder().decode(JSONValue.self, from: data))
    }

    func repo(_ dir: URL, _ key: String) -> String { dir.appendingPathComponent("repo").appendingPathComponent(key).path }

    @Test func aFileIsSavedAsTgzAndPlacedBackAsTheFile() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hello.txt").path
        let saved = run("printf 'hello world' > \(file)", in: dir, outputs: [["name": "hello-art", "path": .string(file), "globalName": "g"]])
        #expect(saved.code == 0)
        #expect(saved.report?["phase"] == "Succeeded")
        #expect(saved.report?["outputs"]?["artifacts"] == [["name": "hello-art", "path": .string(file), "s3": ["key": "wf/wf-pod/hello-art.tgz"], "globalName": "g"]])
        let bytes = try #require(FileManager.default.contents(atPath: repo(dir, "wf/wf-pod/hello-art.tgz")))
        #expect(Array(bytes.prefix(2)) == [0x1f, 0x8b])

        let target = dir.appendingPathComponent("in/art").path
        let loaded = run("cat \(target)", in: dir, inputs: [InputFile(source: repo(dir, "wf/wf-pod/hello-art.tgz"), destination: target, name: "art", unarchived: false)])
        #expect(loaded.code == 0)
        #expect(loaded.out == "hello world")
    }

    @Test func aDirectoryRoundTripsWithItsContentsAtThePath() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let saved = run("mkdir -p \(out)/sub && printf a > \(out)/a.txt && printf b > \(out)/sub/b.txt", in: dir,
                        outputs: [["name": "tree", "path": .string(out)]])
        #expect(saved.code == 0)
        let target = dir.appendingPathComponent("placed").path
        let loaded = run("cat \(target)/a.txt \(target)/sub/b.txt", in: dir,
                         inputs: [InputFile(source: repo(dir, "wf/wf-pod/tree.tgz"), destination: target, name: "tree", unarchived: false)])
        #expect(loaded.out == "ab")
        #expect(!FileManager.default.fileExists(atPath: target + ".tmpdir"))
    }

    @Test func archiveNoneStoresTheFileAsItIsUnderItsBaseName() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain.txt").path
        let saved = run("printf plain > \(file)", in: dir, outputs: [["name": "p", "path": .string(file), "archive": ["none": [:]]]])
        #expect(saved.report?["outputs"]?["artifacts"]?[0]?["s3"]?["key"] == "wf/wf-pod/plain.txt")
        #expect(FileManager.default.contents(atPath: repo(dir, "wf/wf-pod/plain.txt")) == Data("plain".utf8))
        let target = dir.appendingPathComponent("x").path
        let loaded = run("cat \(target)", in: dir, inputs: [InputFile(source: repo(dir, "wf/wf-pod/plain.txt"), destination: target, name: "p", unarchived: true)])
        #expect(loaded.out == "plain")
    }

    @Test func anUnarchivedDirectoryIsStoredAsATreeAndPlacedBack() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tree").path
        let saved = run("mkdir -p \(out)/sub && printf a > \(out)/a.txt && printf b > \(out)/sub/b.txt", in: dir,
                        outputs: [["name": "t", "path": .string(out), "archive": ["none": [:]]]])
        #expect(saved.report?["outputs"]?["artifacts"]?[0]?["s3"]?["key"] == "wf/wf-pod/tree")
        #expect(FileManager.default.contents(atPath: repo(dir, "wf/wf-pod/tree/sub/b.txt")) == Data("b".utf8))
        let target = dir.appendingPathComponent("placed").path
        let loaded = run("cat \(target)/a.txt \(target)/sub/b.txt", in: dir,
                         inputs: [InputFile(source: repo(dir, "wf/wf-pod/tree"), destination: target, name: "t", unarchived: true)])
        #expect(loaded.out == "ab")
    }

    @Test func aMissingOptionalArtifactIsLeftOut() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = run("true", in: dir, outputs: [["name": "gone", "path": "/nonexistent/x", "optional": true]])
        #expect(r.code == 0)
        #expect(r.report?["phase"] == "Succeeded")
        #expect(r.report?["outputs"]?["artifacts"] == nil)
    }

    @Test func aMissingRequiredArtifactFailsTheNode() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let r = run("true", in: dir, outputs: [["name": "gone", "path": "/nonexistent/x"]])
        #expect(r.report?["phase"] == "Failed")
        #expect(r.report?["message"] == "failed to save outputs: open /var/run/argo/outputs/artifacts/nonexistent/x.tgz: no such file or directory; ")
    }

    @Test func aMissingInputKeyFailsUnlessOptional() throws {
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let source = repo(dir, "wf/none.tgz")
        let required = run("true", in: dir, inputs: [InputFile(source: source, destination: dir.appendingPathComponent("i").path, name: "art")])
        #expect(required.code == Emissary.setupFailureExitCode)
        #expect(required.report?["message"] == .string("artifact art failed to load: no such file in the artifact repository: \(source)"))
        let optional = run("true", in: dir, inputs: [InputFile(source: source, destination: dir.appendingPathComponent("i").path, name: "art", optional: true)])
        #expect(optional.code == 0)
    }

    @Test func inputFileFlagTakesHostColonPathOrJSON() throws {
        #expect(InputFile(argument: "/h/a:/in/a") == InputFile(source: "/h/a", destination: "/in/a"))
        let json = InputFile(source: "/repo/k.tgz", destination: "/art", name: "art", optional: true, unarchived: false)
        #expect(InputFile(argument: json.argument) == json)
        #expect(json.argument == #"{"name":"art","source":"/repo/k.tgz","path":"/art","optional":true}"#)
    }
}
