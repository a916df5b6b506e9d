import ClusterAPI
/// Accelerates Argo's `addChildNode` (a child is added to a node's `children` once).
///
/// Children lists as sets, for parents with many children (keeps `addChildNode`'s duplicate check O(1)), with the
/// parent last used remembered: a fan-out adds thousands of children to one parent in a row, and the remembered
/// parent is recognised by comparing its ID (immediate for the same string) instead of hashing it per child.
struct ChildSets {
    private var slots: [String: Int] = [:]
    private var sets: [Set<String>] = []
    private var last: (parentID: String, slot: Int)?

    /// Adds `childID` to the set of `parentID`: whether it was not there yet; nil when the parent has no set.
    mutating func insert(_ childID: String, under parentID: String) -> Bool? {
        let slot: Int
        if let last, last.parentID == parentID {
            slot = last.slot
        } else {
            guard let found = slots[parentID] else { return nil }
            slot = found
            last = (parentID, found)
        }
        return sets[slot].insert(childID).inserted
    }

    /// Gives `parentID` its set (the parent has none yet).
    mutating func add(_ set: Set<String>, for parentID: String) {
        slots[parentID] = sets.count
        last = (parentID, sets.count)
        sets.append(set)
    }
}
