import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import Executor
import Templates
@testable import Controller
@testable import LocalNode

/// The pure parts of a container's own root: which host mounts become layers, the capabilities and user it
/// keeps, and the emissary flags that carry them.
struct ContainerRootTests {
    static let mountinfo = """
        22 1 8:1 / / rw,relatime - ext4 /dev/vda rw
        23 22 0:5 / /proc rw,nosuid - proc proc rw
        24 22 0:6 / /sys rw - sysfs sysfs rw
        25 24 0:7 / /sys/fs/cgroup rw - tmpfs tmpfs rw
        26 22 0:8 / /dev rw - devtmpfs udev rw
        27 26 0:9 / /dev/pts rw - devpts devpts rw
        28 26 0:10 / /dev/pts rw - devpts devpts rw,ptmxmode=000
        29 22 8:2 / /home rw,relatime shared:1 - ext4 /dev/vdb rw
        30 22 0:11 / /tmp rw - tmpfs tmpfs rw
        31 22 8:3 /srv /my\\040data ro - xfs /dev/vdc ro
        32 22 8:1 /etc/hosts /etc/hosts ro - ext4 /dev/vda rw
        33 29 8:4 / /home/u/.argo-lite/pods rw - ext4 /dev/vdd rw
        34 22 0:12 / /run rw - tmpfs tmpfs rw
        """

    @Test func everyRealFilesystemIsALayerExceptWhatTheContainerGetsOfItsOwn() {
        let mounts = HostMounts.parse(Self.mountinfo)
        #expect(mounts.filter { $0.mountPoint == "/dev/pts" }.count == 1, "stacked mounts: the top one")
        let layers = HostMounts.layers(mounts, excluding: ["/home/u/.argo-lite"])
        #expect(layers.map(\.mountPoint) == ["/", "/home", "/my data", "/run", "/etc/hosts"], "parents first, then in mount order")
        #expect(layers.map(\.readOnly) == [false, false, true, false, true])
    }

    @Test(arguments: [
        ([], [], false, Capabilities.containerDefault.kept),
        (["SYS_ADMIN"], [], false, Capabilities.containerDefault.kept | 1 << 21),
        (["CAP_NET_ADMIN"], ["ALL"], false, 1 << 12),
        ([], ["chown", "KILL"], false, Capabilities.containerDefault.kept & ~(1 << 0 | 1 << 5)),
        (["ALL"], [], false, Capabilities.all.kept),
        ([], ["ALL"], true, Capabilities.all.kept),
    ] as [([String], [String], Bool, UInt64)])
    func capabilitiesAreTheDefaultChangedByAddAndDrop(add: [String], drop: [String], privileged: Bool, kept: UInt64) throws {
        #expect(try Capabilities.forContainer(add: add, drop: drop, privileged: privileged).get().kept == kept)
    }

    @Test func anUnknownCapabilityIsNamed() {
        #expect(throws: UnknownCapability(name: "SYS_FLY")) {
            try Capabilities.forContainer(add: ["SYS_FLY"], drop: [], privileged: false).get()
        }
    }

    @Test func theDefaultLeavesOutWhatReachesTheHost() {
        for name in ["SYS_ADMIN", "SYS_PTRACE", "MKNOD", "SYS_MODULE", "NET_ADMIN"] {
            #expect(Capabilities.containerDefault.kept & (1 << UInt64(Capabilities.number(name)!)) == 0, "\(name)")
        }
        #expect(Capabilities(argument: Capabilities.containerDefault.argument) == .containerDefault)
        #expect(Capabilities(argument: "none")?.kept == 0)
    }

    static func pod(_ podContext: String, _ containerContext: String) throws -> (JSONValue, JSONValue) {
        let pod = try YAML.loadFirst("""
            metadata: {name: p, namespace: ns}
            spec:
              securityContext: \(podContext)
              containers: [{name: main, securityContext: \(containerContext)}]
            """).toJSONValue()
        return (pod, pod["spec"]!["containers"]![0]!)
    }

    @Test(arguments: [
        ("{}", "{}", nil),
        ("{runAsUser: 1000}", "{}", RunAs(uid: 1000, gid: 0)),
        ("{runAsUser: 1000, runAsGroup: 3000}", "{runAsUser: 2000}", RunAs(uid: 2000, gid: 3000)),
        ("{runAsUser: 5, supplementalGroups: [7, 8], fsGroup: 9}", "{}", RunAs(uid: 5, gid: 0, groups: [7, 8, 9])),
        ("{runAsNonRoot: true}", "{runAsUser: 1000}", RunAs(uid: 1000, gid: 0)),
    ] as [(String, String, RunAs?)])
    func theContainersContextOverridesThePods(podContext: String, containerContext: String, runAs: RunAs?) throws {
        let (pod, container) = try Self.pod(podContext, containerContext)
        #expect(try ContainerSecurity.resolve(pod: pod, container: container).get().runAs == runAs)
    }

    @Test(arguments: [
        ("{runAsNonRoot: true}", "{}", "container has runAsNonRoot and image will run as root (pod: \"p_ns\", container: main)"),
        ("{}", "{runAsNonRoot: true, runAsUser: 0}", "container's runAsUser breaks non-root policy (pod: \"p_ns\", container: main)"),
        ("{}", "{runAsUser: -1}", "securityContext.runAsUser -1 of container main is not a valid ID"),
        ("{}", "{capabilities: {add: [WARP]}}", "unknown capability \"WARP\" in securityContext.capabilities of container main"),
    ])
    func whatTheKubeletRefusesFailsThePodWithItsMessage(podContext: String, containerContext: String, message: String) throws {
        let (pod, container) = try Self.pod(podContext, containerContext)
        guard case .failure(let refusal) = ContainerSecurity.resolve(pod: pod, container: container) else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.description == message)
    }

    @Test func theRunnerPassesTheRootTheUserTheCapabilitiesAndTheLimits() {
        var runner = PodProcessRunner(isolation: .namespaces(unshare: "/usr/bin/unshare"), selfExecutable: "/bin/argo-lite")
        runner.executor = "/bin/argo-lite-executor"
        var spec = ContainerProcessSpec(argv: ["/bin/argo-lite-executor", "emissary", "--task-result", "/r", "--", "true"], logFile: "/l")
        spec.root = ContainerRoot(layer: "/s/pods/ns/p/layers/main", hidden: ["/s"], readOnly: true)
        spec.capabilities = Capabilities(names: ["CHOWN", "KILL"])
        spec.runAs = RunAs(uid: 1000, gid: 2000, groups: [3])
        spec.cgroup = ContainerCgroup(name: "ns_p_main", memoryLimit: 1 << 20, cpuMillis: nil)
        #expect(runner.commandLine(for: spec).argv == [
            "/bin/argo-lite-executor", "emissary", "--unshare", "--rootfs", "/s/pods/ns/p/layers/main", "--hide", "/s",
            "--read-only-root", "--tmpfs", "/tmp", "--mount-proc", "--capabilities", "CHOWN,KILL", "--run-as", "1000:2000:3",
            "--cgroup", "ns_p_main:1048576:", "--chdir", "/", "--task-result", "/r", "--", "true"])
        let parsed = try? EmissaryFlags.parse(Array(runner.commandLine(for: spec).argv.dropFirst(3)), environment: [:])
        #expect(parsed?.mounts?.root == spec.root)
        #expect(parsed?.capabilities == spec.capabilities)
        #expect(parsed?.runAs == spec.runAs)
        #expect(parsed?.cgroup == spec.cgroup)
    }

    @Test(arguments: [
        (["--hide", "/s", "--", "true"], "--hide /s: needs --rootfs before it"),
        (["--rootfs", "layer", "--", "true"], "--rootfs layer: expected an absolute path, memory or memory:BYTES"),
        (["--run-as", "root", "--", "true"], "--run-as root: expected UID:GID or UID:GID:G1,G2"),
        (["--capabilities", "CHOWN,FLY", "--", "true"], "--capabilities CHOWN,FLY: expected capability names joined by commas, or none"),
        (["--cgroup", "a/b:1:", "--", "true"], "--cgroup a/b:1:: expected NAME:MEMORY_BYTES:CPU_MILLIS"),
    ])
    func badRootFlagsAreNamed(arguments: [String], message: String) {
        #expect(throws: EmissaryUsageError(message)) { try EmissaryFlags.parse(arguments, environment: [:]) }
    }

    /// A layer on disk (`ARGO_LITE_POD_LAYERS=disk`) keeps what the container wrote, and the host never sees it.
    @Test(.enabled(if: geteuid() == 0, "a container's own root needs root"))
    func aLayerOnDiskKeepsWhatTheContainerWrote() throws {
        let dir = ScratchDirectory.url("argo-lite-layer")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tag = UUID().uuidString.prefix(8)
        let executor = URL(fileURLWithPath: SharedData.argoLiteExecutable).deletingLastPathComponent()
            .appendingPathComponent("argo-lite-executor").path
        let layer = dir.appendingPathComponent("layers/main").path
        let process = try ChildProcess([
            executor, "emissary", "--unshare", "--rootfs", layer, "--hide", dir.path, "--tmpfs", "/tmp", "--mount-proc",
            "--capabilities", Capabilities.containerDefault.argument, "--chdir", "/", "--",
            "sh", "-c", "echo kept > /etc/argo-lite-\(tag) && test ! -e \(dir.path) && test -z \"$(ls -A /tmp)\"",
        ], logFile: dir.appendingPathComponent("log"))
        var waited = 0
        while process.ended() == nil && waited < 200 { usleep(50_000); waited += 1 }
        #expect(process.ended() == "exited 0",
                "\(process.ended() ?? "still running") \(process.outputTail())")
        #expect(try String(contentsOfFile: layer + "/upper/etc/argo-lite-\(tag)", encoding: .utf8) == "kept\n")
        #expect(!FileManager.default.fileExists(atPath: "/etc/argo-lite-\(tag)"))
    }
}
