import Foundation
import Templates
import ClusterAPI
import LocalStore

/// A deleted pod's files go with it, as a kubelet removes a pod's logs and volumes: the node agent removes them
/// once the pod's processes have stopped, and at start-up sweeps what pods deleted while no agent ran left.
extension PodFiles {
    /// The pod whose file `entry` (in `pods/NS` or `logs/NS`) belongs to, or nil for a file no pod owns.
    static func owner(ofEntry entry: String, isDirectory: Bool) -> String? {
        if isDirectory { return entry }  // a pod's own folder, or its log folder in the earlier layout
        for suffix in [processSuffix, taskResultSuffix] where entry.hasSuffix(suffix) {
            return String(entry.dropLast(suffix.count))
        }
        // `NAME.CONTAINER.log`: a container name has no dot, so the pod's name is all before the last one.
        guard entry.hasSuffix(".log") else { return nil }
        let stem = entry.dropLast(4)
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        return String(stem[..<dot])
    }

    /// Removes every file and folder of the pods for which `remove(namespace, name)` says so, in both `pods/` and
    /// `logs/`; returns how many entries went.
    @discardableResult
    static func removeFiles(stateDirectory: URL, where remove: (String, String) -> Bool) -> Int {
        let fm = FileManager.default
        var removed = 0
        for top in ["pods", "logs"] {
            let base = stateDirectory.appendingPathComponent(top, isDirectory: true)
            for namespace in (try? fm.contentsOfDirectory(atPath: base.path)) ?? [] {
                let folder = base.appendingPathComponent(namespace, isDirectory: true)
                for entry in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                    var isDirectory: ObjCBool = false
                    let path = folder.appendingPathComponent(entry).path
                    guard fm.fileExists(atPath: path, isDirectory: &isDirectory),
                          let pod = owner(ofEntry: entry, isDirectory: isDirectory.boolValue), remove(namespace, pod)
                    else { continue }
                    if (try? fm.removeItem(atPath: path)) != nil { removed += 1 }
                }
            }
        }
        return removed
    }

    /// The pods that have a process file (`pods/NS/NAME.process`): those whose process an agent started.
    static func podsWithProcessFiles(stateDirectory: URL) -> [(namespace: String, name: String)] {
        let fm = FileManager.default
        let base = stateDirectory.appendingPathComponent("pods", isDirectory: true)
        return ((try? fm.contentsOfDirectory(atPath: base.path)) ?? []).flatMap { namespace in
            ((try? fm.contentsOfDirectory(atPath: base.appendingPathComponent(namespace).path)) ?? [])
                .filter { $0.hasSuffix(processSuffix) }
                .map { (namespace, String($0.dropLast(processSuffix.count))) }
        }
    }

    /// This pod's files: its process and task-result files, its folder, and the logs of `containers` in
    /// `cluster` (both layouts).
    func removeAll(logsIn cluster: LocalCluster, containers: [String]) {
        let fm = FileManager.default
        for url in [processFile, taskResult, directory, cluster.legacyLogDirectory(namespace: namespace, pod: name)] {
            try? fm.removeItem(at: url)
        }
        for container in containers { unlink(cluster.logPath(namespace: namespace, pod: name, container: container).path) }
    }

    /// The names of a pod's containers, init containers included: whose logs it has.
    static func containerNames(_ pod: JSONValue) -> [String] {
        ["initContainers", "containers"].flatMap { key in
            (pod["spec"]?[key]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
    }
}
