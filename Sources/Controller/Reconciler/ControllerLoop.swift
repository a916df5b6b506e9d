import ClusterAPI
/// The run loop of every controller here: its informers until cancelled, its workers once every cache has its
/// first list (a sync never sees a half-filled world), and on cancellation a queue shutdown, which ends the
/// workers.
enum ControllerLoop {
    static func run(informers: [Informer], queue: WorkQueue<String, ContinuousClock>, workers: Int,
                    work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for informer in informers {
                group.addTask { await informer.run() }
            }
            for informer in informers { await informer.waitForSync() }
            for _ in 0..<workers {
                group.addTask { await work() }
            }
            group.addTask {
                await withTaskCancellationHandler {
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                } onCancel: {
                    Task { await queue.shutDown() }
                }
            }
            await group.waitForAll()
        }
    }
}
