#if canImport(Glibc)
import Glibc
#endif

/// A container's `resources.limits` applied through the machine's cgroups, as the kubelet applies them: a
/// memory limit (`memory.max`, or cgroup v1's `memory.limit_in_bytes` with swap held to it) whose breach the
/// kernel's OOM killer answers, reported as Kubernetes' `OOMKilled`; a CPU limit as a CFS quota. The emissary
/// makes the cgroup `argo-lite/NAME` and moves itself in before the command starts (so the command is in it from
/// its first instruction), and removes it once the command has ended.
public struct ContainerCgroup: Sendable, Equatable {
    public var name: String
    /// Bytes; nil for no memory limit.
    public var memoryLimit: UInt64?
    /// Thousandths of a CPU; nil for no CPU limit.
    public var cpuMillis: UInt64?

    public init(name: String, memoryLimit: UInt64?, cpuMillis: UInt64?) {
        self.name = name
        self.memoryLimit = memoryLimit
        self.cpuMillis = cpuMillis
    }

    /// The hierarchy the machine offers: unified (cgroup v2) or the v1 `memory` and `cpu` controllers.
    public enum Hierarchy: Sendable, Equatable {
        case unified(String)
        case v1(memory: String, cpu: String)
    }

    public static func hierarchy(root: String = "/sys/fs/cgroup") -> Hierarchy? {
        if access(root + "/cgroup.controllers", R_OK) == 0, access(root + "/cgroup.subtree_control", W_OK) == 0 {
            return .unified(root)
        }
        if access(root + "/memory/cgroup.procs", W_OK) == 0, access(root + "/cpu/cgroup.procs", W_OK) == 0 {
            return .v1(memory: root + "/memory", cpu: root + "/cpu")
        }
        return nil
    }

    /// What `enter` made, held by descriptors opened before the mounts (the pod's own `/sys` has no cgroups): where
    /// the OOM kill count is read and what `leave` removes.
    public struct Entered: Sendable {
        /// Per cgroup made: the folder holding it, its name, and the `cgroup.procs` this process goes back to.
        var made: [(folder: Int32, name: String, back: Int32)] = []
        var events: Int32 = -1

        mutating func add(_ dir: String, back: String) {
            let slash = dir.lastIndex(of: "/")!
            let folder = open(String(dir[..<slash]), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            made.append((folder, String(dir[dir.index(after: slash)...]), open(back + "/cgroup.procs", O_WRONLY | O_CLOEXEC)))
        }

        /// Whether the kernel's OOM killer killed a process of the container.
        public func oomKilled() -> Bool {
            guard events >= 0 else { return false }
            var buffer = [UInt8](repeating: 0, count: 1024)
            let n = pread(events, &buffer, buffer.count, 0)
            return n > 0 && ContainerCgroup.oomKills(in: buffer[0..<n]) > 0
        }

        /// Moves this process back to the parent cgroups and removes the container's.
        public func leave() {
            for m in made {
                if m.back >= 0 { _ = writeAll(m.back, Array("0".utf8)); close(m.back) }
                if m.folder >= 0 { _ = unlinkat(m.folder, m.name, AT_REMOVEDIR); close(m.folder) }
            }
            if events >= 0 { close(events) }
        }
    }

    /// Makes the cgroup, sets the limits and moves this process into it; the failing step's message, or the
    /// cgroup entered. Must run before the mounts (which replace `/sys`).
    public func enter(_ hierarchy: Hierarchy) -> Result<Entered, CgroupError> {
        switch hierarchy {
        case .unified(let root):
            let parent = root + "/argo-lite", dir = parent + "/" + name
            // Controllers must be enabled for the children of each level on the way down.
            _ = Self.write("+memory +cpu", to: root + "/cgroup.subtree_control")
            mkdir(parent, 0o755)
            _ = Self.write("+memory +cpu", to: parent + "/cgroup.subtree_control")
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { return .failure(.init("create", dir)) }
            if let memoryLimit {
                guard Self.write(String(memoryLimit), to: dir + "/memory.max") else { return .failure(.init("set memory.max in", dir)) }
                _ = Self.write("0", to: dir + "/memory.swap.max")
            }
            if let cpuMillis, !Self.write("\(cpuMillis * 100) 100000", to: dir + "/cpu.max") {
                return .failure(.init("set cpu.max in", dir))
            }
            guard Self.write("0", to: dir + "/cgroup.procs") else { return .failure(.init("join", dir)) }
            var entered = Entered()
            entered.add(dir, back: root)
            entered.events = open(dir + "/memory.events", O_RDONLY | O_CLOEXEC)
            return .success(entered)
        case .v1(let memory, let cpu):
            var entered = Entered()
            if let memoryLimit {
                let dir = memory + "/argo-lite/" + name
                mkdir(memory + "/argo-lite", 0o755)
                guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { return .failure(.init("create", dir)) }
                guard Self.write(String(memoryLimit), to: dir + "/memory.limit_in_bytes") else {
                    return .failure(.init("set memory.limit_in_bytes in", dir))
                }
                _ = Self.write(String(memoryLimit), to: dir + "/memory.memsw.limit_in_bytes")
                guard Self.write("0", to: dir + "/cgroup.procs") else { return .failure(.init("join", dir)) }
                entered.add(dir, back: memory)
                entered.events = open(dir + "/memory.oom_control", O_RDONLY | O_CLOEXEC)
            }
            if let cpuMillis {
                let dir = cpu + "/argo-lite/" + name
                mkdir(cpu + "/argo-lite", 0o755)
                guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { return .failure(.init("create", dir)) }
                guard Self.write("100000", to: dir + "/cpu.cfs_period_us"),
                      Self.write(String(cpuMillis * 100), to: dir + "/cpu.cfs_quota_us") else {
                    return .failure(.init("set cpu.cfs_quota_us in", dir))
                }
                guard Self.write("0", to: dir + "/cgroup.procs") else { return .failure(.init("join", dir)) }
                entered.add(dir, back: cpu)
            }
            return .success(entered)
        }
    }

    /// After the container's processes are gone (the kubelet's clean-up): whether the OOM killer killed one of
    /// them, and the cgroup removed. For containers the emissary `exec`s in place (init containers, sidecars),
    /// which leave their cgroup behind, and for any an emissary killed with SIGKILL left.
    public func collect(_ hierarchy: Hierarchy) -> Bool {
        let dirs: [String]
        let events: String
        switch hierarchy {
        case .unified(let root):
            dirs = [root + "/argo-lite/" + name]
            events = dirs[0] + "/memory.events"
        case .v1(let memory, let cpu):
            dirs = [memory + "/argo-lite/" + name, cpu + "/argo-lite/" + name]
            events = dirs[0] + "/memory.oom_control"
        }
        let killed = FileBytes.read(events).map { Self.oomKills(in: $0[...]) > 0 } ?? false
        for dir in dirs { rmdir(dir) }
        return killed
    }

    /// The `oom_kill` count of a `memory.events` / `memory.oom_control` file.
    static func oomKills(in bytes: ArraySlice<UInt8>) -> Int {
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "oom_kill", let n = Int(parts[1]) { return n }
        }
        return 0
    }

    static func write(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return writeAll(fd, Array(text.utf8))
    }

    /// `--cgroup NAME:MEMORY_BYTES:CPU_MILLIS` (an empty field for no limit).
    public var argument: String { "\(name):\(memoryLimit.map(String.init) ?? ""):\(cpuMillis.map(String.init) ?? "")" }

    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, !parts[0].contains("/") else { return nil }
        let memory = parts[1].isEmpty ? nil : UInt64(parts[1]), cpu = parts[2].isEmpty ? nil : UInt64(parts[2])
        guard parts[1].isEmpty || memory != nil, parts[2].isEmpty || cpu != nil else { return nil }
        self.init(name: parts[0], memoryLimit: memory, cpuMillis: cpu)
    }
}

/// A cgroup step that failed.
public struct CgroupError: Error, CustomStringConvertible {
    public var description: String
    init(_ step: String, _ path: String) { description = "cannot \(step) the container's cgroup \(path): \(String(cString: strerror(errno)))" }
}
