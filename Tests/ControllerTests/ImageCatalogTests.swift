import Testing
import TestSupport
import Foundation
@testable import Controller
@testable import LocalNode

@Suite struct ImageCatalogTests {
    let catalog = ImageCatalog(entries: ImageCatalog.builtins, catalogPath: "/state/images.json", selfExecutable: "/bin/argo-lite")

    struct Row: Sendable, CustomStringConvertible {
        var image: String, command: [String]?, args: [String]?, argv: [String]
        var description: String { "\(image) \(command ?? []) \(args ?? [])" }
    }

    @Test(arguments: [
        // command and args given: exactly those.
        Row(image: "busybox", command: ["sh", "-c"], args: ["echo hi"], argv: ["sh", "-c", "echo hi"]),
        // command without args: the image's CMD is not used.
        Row(image: "alpine:3.23", command: ["env"], args: nil, argv: ["env"]),
        // args without command: ENTRYPOINT + args.
        Row(image: "argoproj/argosay:v2", command: nil, args: ["echo", "hello"], argv: ["/bin/argo-lite", "argosay", "echo", "hello"]),
        // neither: ENTRYPOINT + CMD.
        Row(image: "argoproj/argosay:v2", command: nil, args: nil, argv: ["/bin/argo-lite", "argosay"]),
        Row(image: "python:alpine3.23", command: nil, args: nil, argv: ["python3"]),
        // empty args is "no arguments", not "use CMD".
        Row(image: "stedolan/jq:latest", command: nil, args: [], argv: ["jq"]),
        // commandMap rewrites the first word.
        Row(image: "docker/whalesay:latest", command: ["cowsay"], args: ["hi"], argv: ["/bin/argo-lite", "argosay", "cowsay", "hi"]),
        Row(image: "python:3.12", command: ["python"], args: ["/argo/staging/script"], argv: ["python3", "/argo/staging/script"]),
        // docker.io prefixes are ignored; unknown images with a command run it.
        Row(image: "docker.io/library/busybox:1.36", command: nil, args: nil, argv: ["sh"]),
        Row(image: "unknown/image:1", command: ["echo", "@self"], args: nil, argv: ["echo", "@self"]),
    ])
    func resolvesLikeKubernetes(_ row: Row) throws {
        #expect(try catalog.resolve(image: row.image, command: row.command, args: row.args).argv == row.argv)
    }

    @Test func unmappedImageWithoutCommandNamesTheImageAndTheFix() {
        #expect(throws: ImageCatalogError.noCommand(image: "foo:1", catalogPath: "/state/images.json")) {
            try catalog.resolve(image: "foo:1", command: nil, args: ["x"])
        }
        let message = "\(ImageCatalogError.noCommand(image: "foo:1", catalogPath: "/state/images.json"))"
        #expect(message == "image \"foo:1\" has no command and no entry in the image catalog; add \"command:\" to the container or map the image in /state/images.json")
    }

    @Test func matchesExactThenRepositoryThenLongestGlob() {
        var c = ImageCatalog(entries: [:])
        c.merge(["my/tool:1": ImageEntry(cmd: ["exact"]), "my/tool": ImageEntry(cmd: ["repo"]),
                 "my/*": ImageEntry(cmd: ["short"]), "my/tool*": ImageEntry(cmd: ["long"])])
        #expect(c.entry(for: "my/tool:1")?.cmd == ["exact"])
        #expect(c.entry(for: "my/tool:2")?.cmd == ["repo"])
        #expect(c.entry(for: "my/tool@sha256:abc")?.cmd == ["repo"])
        #expect(c.entry(for: "my/toolbox:1")?.cmd == ["long"])
        #expect(c.entry(for: "my/other")?.cmd == ["short"])
        #expect(c.entry(for: "other") == nil)
        #expect(ImageCatalog.repository(of: "host:5000/a/b:1") == "host:5000/a/b")
    }

    @Test func userFileIsMergedOverBuiltins() throws {
        let dir = ScratchDirectory.url("catalog")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"busybox": {"entrypoint": ["/opt/busybox"], "note": "mine"}, "foo:1": {"cmd": ["foo"]}}"#
            .write(to: dir.appendingPathComponent("images.json"), atomically: true, encoding: .utf8)
        let c = try ImageCatalog.load(stateDirectory: dir.path, selfExecutable: "/x")
        #expect(try c.resolve(image: "busybox", command: nil, args: nil).argv == ["/opt/busybox"])
        #expect(try c.resolve(image: "foo:1", command: nil, args: nil).argv == ["foo"])
        #expect(try c.resolve(image: "argoproj/argosay:v2", command: nil, args: nil).argv == ["/x", "argosay"])
        try "not json".write(to: dir.appendingPathComponent("images.json"), atomically: true, encoding: .utf8)
        #expect(throws: ImageCatalogError.self) { try ImageCatalog.load(stateDirectory: dir.path) }
    }

    @Test func argosayRunsInTheExecutorBinaryWhenItIsInstalledBesideArgoLite() throws {
        let dir = ScratchDirectory.url("bin")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let argoLite = dir.appendingPathComponent("argo-lite").path
        let executor = dir.appendingPathComponent("argo-lite-executor").path
        // Not installed: argo-lite itself runs argosay.
        let before = ImageCatalog(entries: ImageCatalog.builtins, selfExecutable: argoLite)
        #expect(try before.resolve(image: "argoproj/argosay:v2", command: nil, args: nil).argv == [argoLite, "argosay"])
        #expect(FileManager.default.createFile(atPath: executor, contents: Data(), attributes: [.posixPermissions: 0o755]))
        #expect(SelfExecutable.executor(beside: argoLite) == executor)
        let c = ImageCatalog(entries: ImageCatalog.builtins, selfExecutable: argoLite)  // made once it is installed
        #expect(try c.resolve(image: "argoproj/argosay:v2", command: nil, args: ["echo"]).argv == [executor, "argosay", "echo"])
        #expect(try c.resolve(image: "docker/whalesay", command: ["cowsay"], args: ["hi"]).argv == [executor, "argosay", "cowsay", "hi"])
        // `@self` stays argo-lite: the `argo-lite` image runs the full CLI.
        #expect(try c.resolve(image: "argo-lite", command: nil, args: ["version"]).argv == [argoLite, "version"])
    }

    @Test func everyExampleImageWithoutCommandIsMapped() throws {
        // The images the upstream examples run without `command:` must resolve.
        for image in ["argoproj/argosay:v2", "python:alpine3.23", "busybox", "alpine:3.23", "docker/whalesay:latest"] {
            #expect(throws: Never.self) { try catalog.resolve(image: image, command: nil, args: nil) }
        }
    }
}
