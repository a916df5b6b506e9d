import ClusterAPI
/// Accelerates Argo's `checkParallelism` (a boundary's `parallelism`, asked for each task of a fan-out).
///
/// The `parallelism` of the steps/DAG template each boundary node runs, resolved once per pass (resolving a
/// template copies ~7 KB), with the last boundary asked remembered: a fan-out checks the same boundary for each of
/// its thousands of tasks, and the remembered one answers with a compare of its ID (immediate for the same string)
/// instead of hashing it.
struct BoundaryParallelism {
    private var byBoundary: [String: Int?] = [:]
    private var last: (boundaryID: String, limit: Int?)?

    /// The limit of `boundaryID` (nil: none). `resolve` gives it on the first ask; it returns nil when there is no
    /// such boundary, which counts as no limit and is not remembered.
    mutating func limit(of boundaryID: String, resolve: () -> Int??) -> Int? {
        if let last, last.boundaryID == boundaryID { return last.limit }
        if let known = byBoundary[boundaryID] {
            last = (boundaryID, known)
            return known
        }
        guard let resolved = resolve() else { return nil }
        byBoundary[boundaryID] = .some(resolved)
        last = (boundaryID, resolved)
        return resolved
    }
}
