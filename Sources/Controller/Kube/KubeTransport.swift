import CCurl
import Foundation
import Synchronization
import ClusterAPI

/// Runs requests over libcurl. `curl_easy_perform` blocks, so every transfer runs on a thread of its own, never
/// on Swift's cooperative pool, and is bridged back with a continuation. Easy handles are kept in a pool and
/// reused (last returned, first taken), so their connection caches keep connections to the server open:
/// requests made one after another go over one connection.
public final class KubeTransport: Sendable {
    public let config: KubeConfig
    private let idle = Locked<[CurlHandle]>([])
    private let execToken = Locked<KubeConfig.ExecCredential.Credential?>(nil)
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    public init(config: KubeConfig) {
        _ = Self.globalInit
        self.config = config
    }

    /// Sends `request` and waits for the whole answer. Cancelling the calling task aborts the transfer.
    public func send(_ request: KubeRequest) async throws(KubeError) -> KubeResponse {
        let transfer = KubeTransfer()
        let result: Result<KubeResponse, KubeError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread { [self] in
                    continuation.resume(returning: perform(request, transfer, timeout: config.requestTimeout))
                }
                thread.name = "kube-request"
                thread.start()
            }
        } onCancel: {
            transfer.cancelled.store(true, ordering: .relaxed)
        }
        return try result.get()
    }

    /// Runs one transfer on the current thread (which it blocks). `timeout` nil: no overall limit (watches).
    func perform(_ request: KubeRequest, _ transfer: KubeTransfer, timeout: Duration?)
        -> Result<KubeResponse, KubeError>
    {
        let auth: String?
        do { auth = try authorization() } catch { return .failure(.config(error)) }
        let handle = idle.withLock { $0.popLast() } ?? CurlHandle()
        defer { idle.withLock { $0.append(handle) } }
        let h = handle.easy
        curl_easy_reset(h)
        handle.errorBuffer[0] = 0
        argo_curl_setopt_ptr(h, CURLOPT_ERRORBUFFER, handle.errorBuffer)
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers { headers = curl_slist_append(headers, "\(name): \(value)") }
        if let auth { headers = curl_slist_append(headers, "Authorization: \(auth)") }
        // curl would otherwise send `Expect: 100-continue` for larger bodies and wait for the answer.
        headers = curl_slist_append(headers, "Expect:")
        defer { curl_slist_free_all(headers) }
        let base = config.server.hasSuffix("/") ? String(config.server.dropLast()) : config.server
        argo_curl_setopt_string(h, CURLOPT_URL, base + request.target)
        argo_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        // Named in the API server's audit log and in its throttling (priority and fairness) decisions.
        argo_curl_setopt_string(h, CURLOPT_USERAGENT, "argo-lite/kube-client")
        argo_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, request.method)
        if request.method == "HEAD" { argo_curl_setopt_long(h, CURLOPT_NOBODY, 1) }
        if let body = request.body {
            argo_curl_setopt_off(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBufferPointer { b in
                _ = argo_curl_setopt_ptr(h, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: b.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
        }
        argo_curl_setopt_slist(h, CURLOPT_HTTPHEADER, headers)
        argo_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        // TCP keep-alive probes after 30 s idle (Go's dialer default), so a dead peer ends a quiet watch.
        argo_curl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
        argo_curl_setopt_long(h, CURLOPT_TCP_KEEPIDLE, 30)
        argo_curl_setopt_long(h, CURLOPT_TCP_KEEPINTVL, 15)
        if let timeout { argo_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)) }
        configureTLS(h)
        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        argo_curl_setopt_write_cb(h, CURLOPT_WRITEFUNCTION, KubeCallbacks.write)
        argo_curl_setopt_ptr(h, CURLOPT_WRITEDATA, userdata)
        argo_curl_setopt_write_cb(h, CURLOPT_HEADERFUNCTION, KubeCallbacks.header)
        argo_curl_setopt_ptr(h, CURLOPT_HEADERDATA, userdata)
        argo_curl_setopt_xferinfo_cb(h, CURLOPT_XFERINFOFUNCTION, KubeCallbacks.progress)
        argo_curl_setopt_ptr(h, CURLOPT_XFERINFODATA, userdata)
        argo_curl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
        let code = withExtendedLifetime(transfer) { curl_easy_perform(h) }
        if code != CURLE_OK {
            if transfer.cancelled.load(ordering: .relaxed) { return .failure(.transport("cancelled")) }
            if code == CURLE_WRITE_ERROR, transfer.onData != nil { return .success(response(transfer)) }
            let message = String(cString: curl_easy_strerror(code))
            let detail = String(cString: handle.errorBuffer)
            let what = "\(request.method) \(base + request.path): \(detail.isEmpty ? message : detail)"
            return .failure(.transport(Self.hint(code).map { "\(what); \($0)" } ?? what))
        }
        if transfer.status == 401 { execToken.withLock { $0 = nil } }
        return .success(response(transfer))
    }

    /// What to do about a failed transfer, for the errors a misconfigured kubeconfig gives.
    static func hint(_ code: CURLcode) -> String? {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            "is the API server running, and is the kubeconfig's server address right?"
        case CURLE_PEER_FAILED_VERIFICATION:
            "the server's certificate is not signed by the configured certificate-authority (or does not name this host): "
                + "set certificate-authority or certificate-authority-data to the cluster's CA"
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM:
            "the TLS handshake failed: check the client certificate and key, and that the server speaks HTTPS"
        case CURLE_OPERATION_TIMEDOUT: "no answer in time: check the network path to the API server"
        default: nil
        }
    }

    /// The Authorization header. An exec plugin's token is kept until its expirationTimestamp passes or the server
    /// answers 401, as client-go does. Runs on the transfer's thread: reading a token file or running a plugin blocks.
    private func authorization() throws(KubeConfigError) -> String? {
        guard let exec = config.exec, config.token == nil, config.tokenFile == nil else { return try config.authorizationHeader() }
        if let cached = execToken.withLock({ $0 }), cached.isFresh(at: Date()) { return "Bearer \(cached.token)" }
        let credential = try exec.credential()
        execToken.withLock { $0 = credential }
        return "Bearer \(credential.token)"
    }

    private func response(_ t: KubeTransfer) -> KubeResponse {
        KubeResponse(status: t.status, headers: t.headers, body: t.body)
    }

    private func configureTLS(_ h: UnsafeMutableRawPointer) {
        if config.insecureSkipTLSVerify {
            argo_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)
            argo_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let f = config.caFile { argo_curl_setopt_string(h, CURLOPT_CAINFO, f) }
        if let d = config.caData { setBlob(h, CURLOPT_CAINFO_BLOB, d) }
        if let f = config.clientCertFile { argo_curl_setopt_string(h, CURLOPT_SSLCERT, f) }
        if let d = config.clientCertData { setBlob(h, CURLOPT_SSLCERT_BLOB, d) }
        if let f = config.clientKeyFile { argo_curl_setopt_string(h, CURLOPT_SSLKEY, f) }
        if let d = config.clientKeyData { setBlob(h, CURLOPT_SSLKEY_BLOB, d) }
    }

    private func setBlob(_ h: UnsafeMutableRawPointer, _ option: CURLoption, _ bytes: [UInt8]) {
        var copy = bytes
        copy.withUnsafeMutableBytes { b in
            var blob = curl_blob(data: b.baseAddress, len: b.count, flags: UInt32(CURL_BLOB_COPY))
            _ = argo_curl_setopt_blob(h, option, &blob)
        }
    }
}

/// One easy handle and its error buffer; freed with the pool.
final class CurlHandle: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init() {
        easy = curl_easy_init()!
        errorBuffer.initialize(to: 0)
    }

    deinit {
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }
}
