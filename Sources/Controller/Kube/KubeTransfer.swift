import CCurl
import Foundation
import Synchronization
import ClusterAPI

/// The state one libcurl transfer's callbacks reach through their userdata pointer (`Unmanaged`).
final class KubeTransfer: @unchecked Sendable {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    /// For a streamed answer (a watch): called with each piece of a 2xx body as it arrives; false stops the transfer.
    var onData: ((UnsafeRawBufferPointer) -> Bool)?
    let cancelled = Atomic<Bool>(false)
    var status = 0

    init() {}
}

/// The C callbacks: they cannot capture, so everything goes through `KubeTransfer`.
enum KubeCallbacks {
    static let write: argo_curl_write_cb = { ptr, size, count, userdata in
        let transfer = Unmanaged<KubeTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        let n = size * count
        if transfer.cancelled.load(ordering: .relaxed) { return 0 }
        let bytes = UnsafeRawBufferPointer(start: ptr, count: n)
        if let onData = transfer.onData, (200..<300).contains(transfer.status) {
            return onData(bytes) ? n : 0
        }
        transfer.body.append(contentsOf: bytes)
        return n
    }

    static let header: argo_curl_write_cb = { ptr, size, count, userdata in
        let transfer = Unmanaged<KubeTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        let n = size * count
        let line = String(decoding: UnsafeRawBufferPointer(start: ptr, count: n), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response (after a 100 Continue or a redirect): forget the previous one's headers.
            transfer.headers = [:]
            transfer.status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            transfer.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return n
    }

    /// Fires about once a second even when idle: non-zero aborts the transfer (how a watch is cancelled).
    static let progress: argo_curl_xferinfo_cb = { userdata, _, _, _, _ in
        let transfer = Unmanaged<KubeTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}

