import Foundation

/// Whether `condition` holds within `seconds`, checked every 100 ms (for what happens on the engine's own time).
public func until(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return false
}
