import Templates
import ClusterAPI

/// The watch events this process committed last, kept in memory with their objects still parsed, so that a
/// watcher in the same process (the controller's informers, the node agent) takes them from here instead of
/// reading the `events` table and parsing the text back.
///
/// Only a gap-free run is served: every resourceVersion is one event, so a run that holds each version after the
/// watcher's last one proves that nothing (from another process, or a commit of ours not recorded yet) lies in
/// between. Anything else, and every change another process made (`LocalNotifier.bump`), sends the watcher to
/// the store.
final class LocalRecentEvents: Sendable {
    private let events = Locked<[LocalCluster.EventRow]>([])
    let capacity: Int

    init(capacity: Int = 512) { self.capacity = max(1, capacity) }

    /// Records committed events, kept in version order whatever order commits record them in.
    func record(_ new: [LocalCluster.EventRow]) {
        guard !new.isEmpty else { return }
        events.withLock { list in
            for e in new {
                var i = list.endIndex
                while i > list.startIndex, list[i - 1].rv > e.rv { i -= 1 }
                list.insert(e, at: i)
            }
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    /// The events after `version`, when this process's record proves they are all there is: nil on a gap (the
    /// caller reads the store). An empty run when nothing recorded is newer than `version`.
    func after(_ version: Int64) -> [LocalCluster.EventRow]? {
        events.withLock { list in
            guard let newest = list.last, newest.rv > version else { return [] }
            guard let start = list.firstIndex(where: { $0.rv > version }), list[start].rv == version + 1 else { return nil }
            var expected = version + 1
            for e in list[start...] {
                guard e.rv == expected else { return nil }
                expected += 1
            }
            return Array(list[start...])
        }
    }
}
