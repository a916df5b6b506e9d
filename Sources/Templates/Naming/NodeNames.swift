/// Node names, node IDs and pod names exactly as Argo makes them.
///
/// - node names: the root node is the workflow's name; a step is `parent[i].step`; a DAG task is `dag.task`;
///   a loop child is `name(i:item)`; a retry child is `name(n)`; an exit handler is `name.onExit`.
/// - node IDs: `<workflow>-<fnv32a(nodeName)>` in decimal; the root's ID is the workflow name.
/// - pod names (v2): `<workflow>-<template>-<fnv32a(nodeName)>`, the prefix cut to 242 characters; the root's
///   pod is named after the workflow; inline templates leave the template name out.
public enum NodeNames {
    /// 32-bit FNV-1a over the UTF-8 bytes, as Go's `hash/fnv.New32a`.
    public static func fnv32a(_ s: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        return h
    }

    public static func nodeID(workflow: String, nodeName: String) -> String {
        if nodeName == workflow { return workflow }
        return workflow + "-" + String(fnv32a(nodeName))
    }

    /// Kubernetes' 253-character limit less the hash (10 digits) and its dash.
    static let maxPodNamePrefixLength = 253 - 10 - 1

    public static func podName(workflow: String, nodeName: String, templateName: String) -> String {
        if workflow == nodeName { return workflow }
        var prefix = workflow
        if !templateName.isEmpty && !mentionsInline(nodeName) {
            prefix = workflow + "-" + templateName
        }
        // A prefix of at most that many UTF-8 bytes has at most that many characters: count characters only past it.
        if prefix.utf8.count > maxPodNamePrefixLength, prefix.count > maxPodNamePrefixLength {
            prefix = String(prefix.prefix(maxPodNamePrefixLength))
        }
        return prefix + "-" + String(fnv32a(nodeName))
    }

    /// The `<workflow>-<template>` prefix of `podName` for a node whose name does not mention `.inline`; nil when
    /// `podName` would not use it as it is (no template name, or a prefix it truncates).
    public static func podNamePrefix(workflow: String, templateName: String) -> String? {
        guard !templateName.isEmpty else { return nil }
        let prefix = workflow + "-" + templateName
        return prefix.utf8.count <= maxPodNamePrefixLength ? prefix : nil
    }

    /// `podName` from a prefix `podNamePrefix` gave and the node's ID (`nodeID(workflow:nodeName:)`): the pod name
    /// ends in the ID's `-<hash>`, so the name is not hashed again (a fan-out names thousands of pods of one
    /// template). nil where `podName` decides otherwise: the workflow's own node, or a name mentioning `.inline`.
    public static func podName(prefix: String, workflow: String, nodeName: String, nodeID: String) -> String? {
        let workflowBytes = workflow.utf8.count
        guard nodeName != workflow, nodeID.utf8.count > workflowBytes + 1, !mentionsInline(nodeName) else { return nil }
        return prefix + String(Substring(nodeID.utf8.dropFirst(workflowBytes)))
    }

    private static let inlineBytes = Array(".inline".utf8)

    /// `nodeName.contains(".inline")`, answered from the UTF-8 bytes when they do not hold it (the operator asks
    /// for every pod node on every pass); the string comparison decides otherwise.
    static func mentionsInline(_ nodeName: String) -> Bool {
        let needle = inlineBytes
        var matched = 0
        var found = false
        for byte in nodeName.utf8 {
            if byte == needle[matched] {
                matched += 1
                if matched == needle.count { found = true; break }
            } else {
                matched = byte == needle[0] ? 1 : 0
            }
        }
        return found && nodeName.contains(".inline")
    }

    public static func stepChild(parent: String, group: Int, step: String) -> String { "\(parent)[\(group)].\(step)" }
    public static func dagTask(dag: String, task: String) -> String { "\(dag).\(task)" }
    public static func loopChild(_ name: String, index: Int, item: String) -> String { "\(name)(\(index):\(item))" }
    public static func retryChild(_ name: String, attempt: Int) -> String { "\(name)(\(attempt))" }
    public static func onExit(_ name: String) -> String { "\(name).onExit" }
}
