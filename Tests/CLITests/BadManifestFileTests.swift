import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// Every command that reads manifest files names a bad file and its real problem, exits 1 and stores nothing.
@Suite final class BadManifestFileTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment {
        CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now },
                       stateDirectory: directory.appendingPathComponent("state"))
    }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-bad-files")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    enum BadFile: String, CaseIterable, Sendable {
        case missing, directory, unreadable, notUTF8, invalidYAML, empty

        /// The cases this process can make: root reads any file whatever its mode, so `unreadable` is left out
        /// when the tests run as root (it would be an ordinary readable file).
        static var testable: [BadFile] { getuid() == 0 ? allCases.filter { $0 != .unreadable } : allCases }

        func make(in folder: URL) throws -> String {
            let url = folder.appendingPathComponent("\(rawValue).yaml")
            switch self {
            case .missing: break
            case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            case .unreadable:
                try LintCommandTests.good.write(to: url, atomically: true, encoding: .utf8)
                chmod(url.path, 0)
            case .notUTF8: try Data([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x00, 0xFF]).write(to: url)
            case .invalidYAML:
                try "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x\n".write(to: url, atomically: true, encoding: .utf8)
            case .empty: try Data().write(to: url)
            }
            return url.path
        }
    }

    enum Command: String, CaseIterable, Sendable {
        case submit, lint, templateCreate, templateUpdate, templateLint, clusterTemplateCreate, clusterTemplateUpdate
        case clusterTemplateLint, cronCreate, cronUpdate, cronLint

        var lints: Bool { rawValue.hasSuffix("int") }

        /// What the command says of a file without anything of its kind.
        var noneFound: String {
            switch self {
            case .submit: "No Workflow found in given files"
            case .templateCreate, .templateUpdate: "No workflow template found in given files"
            case .clusterTemplateCreate, .clusterTemplateUpdate: "No cluster workflow template found in given files"
            case .cronCreate, .cronUpdate: "No CronWorkflows found in given files"
            case .lint, .templateLint, .clusterTemplateLint, .cronLint: "✖ found nothing to lint in the specified paths, failing..."
            }
        }

        func run(_ path: String, cluster: LocalCluster, env: CLIEnvironment) async throws -> Int32 {
            typealias T = NamespacedTemplates
            typealias C = ClusterTemplates
            typealias Cron = CronWorkflows
            let a = [path]
            switch self {
            case .submit: return try await SubmitCommand.parse(a).execute(cluster: cluster, env: env)
            case .lint: return await try LintCommand.parse(a).execute(env: env)
            case .templateCreate: return try await TemplateWriteCommand<T, CreateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .templateUpdate: return try await TemplateWriteCommand<T, UpdateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .templateLint: return await try TemplateLintCommand<T>.parse(a).execute(env: env)
            case .clusterTemplateCreate: return try await TemplateWriteCommand<C, CreateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .clusterTemplateUpdate: return try await TemplateWriteCommand<C, UpdateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .clusterTemplateLint: return await try TemplateLintCommand<C>.parse(a).execute(env: env)
            case .cronCreate: return try await TemplateWriteCommand<Cron, CreateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .cronUpdate: return try await TemplateWriteCommand<Cron, UpdateTemplates>.parse(a).execute(cluster: cluster, env: env)
            case .cronLint: return await try TemplateLintCommand<Cron>.parse(a).execute(env: env)
            }
        }

        /// What the command prints for `bad` at `path`: (standard output, standard error).
        func expected(_ bad: BadFile, path: String) -> (out: String, err: String) {
            switch bad {
            case .missing: return ("", "open \(path): no such file or directory\n")
            case .directory: return lints ? (noneFound + "\n", "") : ("", "read \(path): is a directory\n")
            case .unreadable: return ("", "open \(path): permission denied\n")
            case .notUTF8: return ("", "\(path): not UTF-8 text at byte 3\n")
            case .invalidYAML:
                if !lints { return ("", "\(path):4:1: did not find expected ',' or '}'\n") }
                return ("""
                    \(path):
                       ✖ in "\(path)" (YAML): error converting YAML to JSON: yaml: line 4: did not find expected ',' or '}'
                           at \(path):4:1

                    ✖ 1 linting errors found!

                    """, "")
            case .empty: return lints ? (noneFound + "\n", "") : ("", noneFound + "\n")
            }
        }
    }

    @Test(arguments: Command.allCases, BadFile.testable)
    func aBadFileIsNamedWithItsProblem(command: Command, bad: BadFile) async throws {
        let path = try bad.make(in: directory)
        #expect(try await command.run(path, cluster: cluster, env: env) == 1)
        let expected = command.expected(bad, path: path)
        #expect(buffer.out == expected.out)
        #expect(buffer.err == expected.err)
        for resource in [ResourceKind.workflow, .workflowTemplate, .clusterWorkflowTemplate, .cronWorkflow] {
            #expect(try await cluster.list(resource, namespace: nil, labelSelector: nil).items.isEmpty)
        }
    }

    @Test(arguments: [
        ([], nil), (Array("hello: wörld ✓".utf8), nil), ([0xFF], 0), ([0x61, 0xC3, 0x28], 1),
        ([0x61, 0x62, 0xE2, 0x82], 2),  // cut short at the end
        ([0xC0, 0xAF], 0),  // overlong '/'
        ([0x61, 0xED, 0xA0, 0x80], 1),  // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // past U+10FFFF
        ([0xEF, 0xBB, 0xBF, 0x61, 0xF0, 0x9F, 0x98, 0x80, 0x80], 8),  // BOM, 'a', an emoji, a stray continuation
    ] as [([UInt8], Int?)])
    func theFirstInvalidByteIsFound(bytes: [UInt8], offset: Int?) {
        #expect(ManifestFile.firstInvalidUTF8(bytes) == offset)
    }
}
