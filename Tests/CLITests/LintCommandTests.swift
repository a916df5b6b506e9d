import Controller
import Foundation
import Testing
import TestSupport
@testable import argo_lite

/// `argo-lite lint` prints argo lint's output and exits 1 on any error.
@Suite struct LintCommandTests {
    static let good = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: hello-
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine}

        """
    static let bad = good.replacingOccurrences(of: "entrypoint: main", with: "entrypoint: mian")

    /// A fresh directory holding `files` (name → text).
    func directory(_ files: [String: String]) throws -> String {
        let dir = ScratchDirectory.url("lint")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func cleanFilesPassInPrettyAndSimple() throws {
        let dir = try directory(["a.yaml": Self.good, "sub/b.yml": Self.good, "notes.txt": "not yaml: ["])
        #expect(try LintCommand.lint(paths: [dir], output: "pretty", strict: true)
            == .init(output: "✔ no linting errors found!\n", exitCode: 0))
        #expect(try LintCommand.lint(paths: [dir], output: "simple", strict: true)
            == .init(output: "no linting errors found!\n", exitCode: 0))
    }

    @Test func errorsPrintInArgosSimpleShape() throws {
        let dir = try directory(["bad.yaml": Self.bad])
        let file = dir + "/bad.yaml"
        let result = try LintCommand.lint(paths: [dir], output: "simple", strict: true)
        #expect(result == .init(output: "\(file): in \"hello-\" (Workflow): template name 'mian' undefined\n", exitCode: 1))
    }

    @Test func errorsPrintInArgosPrettyShapeWithTheirPlace() throws {
        let dir = try directory(["bad.yaml": Self.bad, "good.yaml": Self.good])
        let file = dir + "/bad.yaml"
        let result = try LintCommand.lint(paths: [dir], output: "pretty", strict: true)
        #expect(result.exitCode == 1)
        #expect(result.output == """
            \(file):
               ✖ in "hello-" (Workflow): template name 'mian' undefined
                   at \(file):6:15 (spec.entrypoint)

            ✖ 1 linting errors found!

            """)
    }

    @Test func nothingToLintFails() throws {
        let dir = try directory(["cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"])
        #expect(try LintCommand.lint(paths: [dir], output: "pretty", strict: true)
            == .init(output: "✖ found nothing to lint in the specified paths, failing...\n", exitCode: 1))
    }

    @Test func unknownFormatterIsAnError() {
        #expect(throws: (any Error).self) { try LintCommand.lint(paths: ["."], output: "json5", strict: true) }
    }

    @Test func parsesArgoFlags() throws {
        let cmd = try LintCommand.parse(["a.yaml", "b", "-o", "simple", "--strict", "false"])
        #expect(cmd.paths == ["a.yaml", "b"])
        #expect(cmd.output == "simple")
        #expect(cmd.strict == false)
    }

    @Test func versionLooksLikeArgoVersion() {
        let lines = VersionCommand.text().split(separator: "\n")
        #expect(lines.first == "argo-lite: v0.1.0")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && $0.contains(": ") })
    }

    @Test func versionSaysWhereCommandsAct() throws {
        #expect(VersionCommand.text(backend: .local(URL(fileURLWithPath: "/s"))).hasSuffix("  Cluster: local (state directory /s)\n"))
        #expect(VersionCommand.text(backend: .kube(KubeConfig(server: "https://10.0.0.1:6443")))
            .hasSuffix("  Platform: \(ControllerModule.platform)\n  Cluster: https://10.0.0.1:6443 (Kubernetes)\n"))
    }
}
