import Foundation
import Testing
import Templates
import Executor
import TestSupport
@testable import Controller
#if canImport(Glibc)
import Glibc
#endif

/// Every local pod's container gets its own root filesystem (issue 18): what it writes outside its volumes stays
/// in its own layer, never on the host or in another pod; the state directory is out of its reach; its
/// `securityContext` user and capabilities apply. Needs root (mount namespaces); runs against the release binary
/// with `ARGO_LITE_E2E_BINARY`.
@Suite(.serialized, .enabled(if: geteuid() == 0, "a pod's own root needs root")) struct PodRootFilesystemTests {
    static func workflow(_ templates: String, entry: String = "main") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: rootfs-}
        spec:
          entrypoint: \(entry)
          templates:
        \(templates)
        """
    }

    /// Runs one workflow; the workflow and its nodes by display name.
    func run(_ yaml: String) async throws -> (Workflow, [String: NodeStatus]) {
        let engine = try await LocalEngine.start(maxPods: 4)
        defer { Task { await engine.stop() } }
        let name = try await engine.submit(yaml)
        let wf = try await engine.waitForCompletion(name, seconds: 60)
        try engine.checkControllerRuns()
        let nodes = Dictionary((wf.status?.nodes?.values.map { $0 } ?? []).map { ($0.displayName ?? $0.name, $0) },
                               uniquingKeysWith: { a, _ in a })
        return (wf, nodes)
    }

    func result(_ nodes: [String: NodeStatus], _ name: String) -> String? { nodes[name]?.outputs?.result }

    /// One script pod with this `securityContext` (flow style); the workflow and the script's result.
    func script(securityContext: String, _ source: String) async throws -> (Workflow, String?, [String: NodeStatus]) {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            script:
              image: alpine:3
              command: [sh]
              securityContext: \(securityContext)
              source: |
                \(source)
        """))
        return (wf, result(nodes, wf.metadata.name ?? ""), nodes)
    }

    @Test func whatAPodWritesStaysInItAndTheNextPodDoesNotSeeIt() async throws {
        let tag = UUID().uuidString.prefix(8)
        // Named afresh each run: a host that other runs polluted (a file `/output`) must not decide the result.
        let paths = ["/output-\(tag)/x", "/etc/argo-lite-test-\(tag)", "/root/y-\(tag)"]
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            steps:
            - - {name: write, template: write}
            - - {name: look, template: look}
          - name: write
            script:
              image: alpine:3
              command: [sh]
              source: |
                mkdir -p /output-\(tag) && echo one > \(paths[0]) && echo two > \(paths[1]) && echo three > \(paths[2])
                echo $(cat \(paths.joined(separator: " ")))
          - name: look
            script:
              image: alpine:3
              command: [sh]
              source: |
                for f in \(paths.joined(separator: " ")); do test -e $f && echo "saw $f"; done; echo looked
        """))
        #expect(wf.status?.phase == .succeeded, "\(nodes.values.map { $0.message ?? "" })")
        #expect(result(nodes, "write") == "one two three", "the pod reads back what it wrote")
        #expect(result(nodes, "look") == "looked", "the next pod sees none of it")
        for path in paths { #expect(!FileManager.default.fileExists(atPath: path), "\(path) stays off the host") }
    }

    @Test func twoPodsWritingOnePathAtOnceEachReadTheirOwn() async throws {
        let dir = "/output-\(UUID().uuidString.prefix(8))"
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            dag:
              tasks:
              - {name: a, template: write, arguments: {parameters: [{name: who, value: a}]}}
              - {name: b, template: write, arguments: {parameters: [{name: who, value: b}]}}
          - name: write
            inputs: {parameters: [{name: who}]}
            script:
              image: alpine:3
              command: [sh]
              source: |
                mkdir -p \(dir) && echo '{{inputs.parameters.who}}' > \(dir)/result.json; sleep 1; cat \(dir)/result.json
        """))
        #expect(wf.status?.phase == .succeeded)
        #expect(result(nodes, "a") == "a")
        #expect(result(nodes, "b") == "b")
    }

    @Test func thePodCannotReachTheStateDirectory() async throws {
        let engine = try await LocalEngine.start(maxPods: 4)
        defer { Task { await engine.stop() } }
        let db = engine.directory.appendingPathComponent("state.db").path
        #expect(FileManager.default.fileExists(atPath: db))
        let name = try await engine.submit(Self.workflow("""
          - name: main
            script:
              image: alpine:3
              command: [sh]
              source: |
                for p in \(db) /proc/1/root\(db) /proc/1/cwd; do cat $p >/dev/null 2>&1 && echo "read $p"; done
                for f in /proc/1/fd/*; do ls $f/ >/dev/null 2>&1 || cat $f >/dev/null 2>&1 && echo "went through $f"; done
                mount -t tmpfs none /mnt 2>/dev/null && echo mounted
                echo 1 > /proc/sys/vm/drop_caches 2>/dev/null && echo "wrote a sysctl"
                test -w /proc/sysrq-trigger && echo "could write sysrq-trigger"; echo done
        """))
        let wf = try await engine.waitForCompletion(name, seconds: 60)
        #expect(wf.status?.phase == .succeeded)
        #expect(wf.status?.nodes?.values.first { $0.type == .pod }?.outputs?.result == "done")
    }

    @Test(arguments: [
        ("{runAsUser: 1000}", "1000 0"),
        ("{runAsUser: 1000, runAsGroup: 2000}", "1000 2000"),
        ("{}", "0 0"),
    ])
    func theCommandRunsAsItsSecurityContextSays(context: String, ids: String) async throws {
        let (wf, shown, nodes) = try await script(securityContext: context, #"echo "$(id -u) $(id -g)""#)
        #expect(wf.status?.phase == .succeeded, "\(nodes.values.map { $0.message ?? "" })")
        #expect(shown == ids)
    }

    @Test func theWorkflowsSecurityContextIsThePodsUnlessTheTemplateHasOne() async throws {
        let (wf, nodes) = try await run("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: rootfs-}
            spec:
              entrypoint: main
              securityContext: {runAsUser: 1001, runAsGroup: 1002}
              templates:
              - name: main
                steps: [[{name: workflows, template: id}, {name: own, template: own}]]
              - name: id
                script: {image: alpine:3, command: [sh], source: 'echo "$(id -u) $(id -g)"'}
              - name: own
                securityContext: {runAsUser: 1003}
                script: {image: alpine:3, command: [sh], source: 'echo "$(id -u) $(id -g)"'}
            """)
        #expect(wf.status?.phase == .succeeded, "\(nodes.values.map { $0.message ?? "" })")
        #expect(result(nodes, "workflows") == "1001 1002")
        #expect(result(nodes, "own") == "1003 0")
    }

    @Test func runAsNonRootWithoutAUserFailsAsTheKubeletRefusesIt() async throws {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            container:
              image: alpine:3
              command: ["true"]
              securityContext: {runAsNonRoot: true}
        """))
        #expect(wf.status?.phase == .failed)
        let message = nodes.values.first { $0.type == .pod }?.message ?? ""
        #expect(message.contains("container has runAsNonRoot and image will run as root"), "\(message)")
    }

    @Test func aReadOnlyRootRefusesWritesButTheVolumesTakeThem() async throws {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            volumes: [{name: scratch, emptyDir: {}}]
            script:
              image: alpine:3
              command: [sh]
              securityContext: {readOnlyRootFilesystem: true}
              volumeMounts: [{name: scratch, mountPath: /scratch}]
              source: |
                touch /written 2>/dev/null && echo root-written; touch /scratch/ok && echo volume-written
        """))
        #expect(wf.status?.phase == .succeeded, "\(nodes.values.map { $0.message ?? "" })")
        #expect(result(nodes, wf.metadata.name ?? "") == "volume-written")
    }

    @Test(arguments: [
        ("{}", Capabilities.containerDefault.kept),
        ("{capabilities: {add: [SYS_ADMIN]}}", Capabilities.containerDefault.kept | 1 << 21),
        ("{capabilities: {drop: [ALL]}}", 0),
    ])
    func theCommandKeepsOnlyItsCapabilities(context: String, bounding: UInt64) async throws {
        let (wf, shown, _) = try await script(securityContext: context, "grep CapBnd /proc/self/status | cut -f2")
        #expect(wf.status?.phase == .succeeded)
        #expect(shown.flatMap { UInt64($0, radix: 16) } == bounding, "\(shown ?? "-")")
    }

    @Test(.enabled(if: ContainerCgroup.hierarchy() != nil, "the machine's cgroups cannot be written"))
    func aPodOverItsMemoryLimitIsOOMKilled() async throws {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            script:
              image: python:3
              command: [python]
              resources: {limits: {memory: 32Mi}}
              source: |
                x = bytearray(256 * 1024 * 1024)
                print("allocated")
        """))
        #expect(wf.status?.phase == .failed)
        let pod = nodes.values.first { $0.type == .pod }
        #expect(pod?.message == "OOMKilled (exit code 137)", "\(pod?.message ?? "-")")
    }

    @Test(.enabled(if: ContainerCgroup.hierarchy() != nil, "the machine's cgroups cannot be written"))
    func anInitContainerOverItsMemoryLimitIsOOMKilledAndLeavesNoCgroup() async throws {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            initContainers:
            - name: fill
              image: python:3
              command: [python3, -c, "x = bytearray(256 * 1024 * 1024)"]
              resources: {limits: {memory: 32Mi}}
            container: {image: alpine:3, command: ["true"]}
        """))
        #expect(wf.status?.phase == .failed)
        let pod = nodes.values.first { $0.type == .pod }
        #expect(pod?.message == "OOMKilled (exit code 137)", "\(pod?.message ?? "-")")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup/memory/argo-lite")) ?? []
        #expect(!left.contains { $0.hasSuffix("_fill") }, "\(left)")
    }

    @Test(.enabled(if: ContainerCgroup.hierarchy() != nil, "the machine's cgroups cannot be written"))
    func aPodUnderItsLimitsRunsInItsOwnCgroup() async throws {
        let (wf, nodes) = try await run(Self.workflow("""
          - name: main
            script:
              image: alpine:3
              command: [sh]
              resources: {limits: {memory: 64Mi, cpu: 500m}}
              source: |
                grep -E ':(memory|cpu,cpuacct|cpu):|^0::' /proc/self/cgroup | grep -c argo-lite
        """))
        #expect(wf.status?.phase == .succeeded, "\(nodes.values.map { $0.message ?? "" })")
        let shown = Int(result(nodes, wf.metadata.name ?? "") ?? "")
        #expect((shown ?? 0) >= 1, "the command runs in the pod's cgroup: \(result(nodes, wf.metadata.name ?? "") ?? "-")")
    }
}
