import COpenSSL
import Foundation
import Kube

/// Certificates made at test time with the `openssl` command into a temporary folder: a CA, a server certificate
/// for 127.0.0.1 (IP SAN) and localhost, and a client certificate (CN `admin`, O `system:masters`, as kubeadm's
/// admin.conf) signed by the same CA. `otherCA` is a second, unrelated CA, for "wrong CA" tests.
public struct FakeCertificates: Sendable {
    public let folder: String
    public var caFile: String { folder + "/ca.crt" }
    public var serverCertFile: String { folder + "/server.crt" }
    public var serverKeyFile: String { folder + "/server.key" }
    public var clientCertFile: String { folder + "/client.crt" }
    public var clientKeyFile: String { folder + "/client.key" }
    /// A client certificate signed by `otherCA`: the server must refuse it.
    public var strangerCertFile: String { folder + "/stranger.crt" }
    public var strangerKeyFile: String { folder + "/stranger.key" }
    public var otherCAFile: String { folder + "/other-ca.crt" }

    public func bytes(_ file: String) -> [UInt8] { Array(FileManager.default.contents(atPath: file) ?? Data()) }

    /// Generates the set (EC P-256 keys: fast). Throws with openssl's own output when a step fails.
    public static func generate() throws -> FakeCertificates {
        let folder = NSTemporaryDirectory() + "kube-fake-certs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let certs = FakeCertificates(folder: folder)
        try certs.makeCA("ca", "kube-fake-ca")
        try certs.makeCA("other-ca", "some-other-ca")
        try certs.issue("server", by: "ca", subject: "/CN=kube-apiserver",
                        extensions: "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth")
        try certs.issue("client", by: "ca", subject: "/O=system:masters/CN=admin", extensions: "extendedKeyUsage=clientAuth")
        try certs.issue("stranger", by: "other-ca", subject: "/CN=stranger", extensions: "extendedKeyUsage=clientAuth")
        return certs
    }

    private func makeCA(_ name: String, _ cn: String) throws {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", "\(folder)/\(name).key", "-out", "\(folder)/\(name).crt", "-days", "2", "-subj", "/CN=\(cn)",
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private func issue(_ name: String, by ca: String, subject: String, extensions: String) throws {
        let ext = "\(folder)/\(name).ext"
        try extensions.write(toFile: ext, atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                     "\(folder)/\(name).key", "-out", "\(folder)/\(name).csr", "-subj", subject])
        try openssl(["x509", "-req", "-in", "\(folder)/\(name).csr", "-CA", "\(folder)/\(ca).crt", "-CAkey",
                     "\(folder)/\(ca).key", "-CAcreateserial", "-out", "\(folder)/\(name).crt", "-days", "2", "-extfile", ext])
    }

    private func openssl(_ args: [String]) throws {
        // Not Foundation.Process: its run() crashed when other threads started processes at the same time.
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        switch ExecPluginProcess.run(["openssl"] + args, environment: environment, errorsToo: true) {
        case .failure(let error):
            throw FakeServerError("cannot run openssl (\(error)); install it: apt-get install -y openssl")
        case .success(let ended) where ended.status != 0:
            throw FakeServerError("openssl \(args.prefix(2).joined(separator: " ")) failed: \(String(decoding: ended.output, as: UTF8.self))")
        case .success:
            break
        }
    }
}

/// The server side of TLS: our certificate, and (with `clientCAFile`) client certificates checked against that CA
/// when a client presents one, as kube-apiserver does (`--client-ca-file`; Go's VerifyClientCertIfGiven): no
/// certificate is fine (authentication then needs a token), a certificate the CA did not sign fails the handshake.
final class FakeTLSContext: @unchecked Sendable {
    let context: OpaquePointer

    init(certFile: String, keyFile: String, clientCAFile: String?) throws {
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw FakeServerError("SSL_CTX_new failed") }
        context = ctx
        _ = argo_ssl_ctx_min_tls12(ctx)
        guard SSL_CTX_use_certificate_chain_file(ctx, certFile) == 1,
              SSL_CTX_use_PrivateKey_file(ctx, keyFile, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_check_private_key(ctx) == 1 else {
            throw FakeServerError("cannot load \(certFile) / \(keyFile) into OpenSSL")
        }
        // Clients resume sessions (curl does): without an id context OpenSSL refuses resumption when it verifies peers.
        let id = Array("kube-fake".utf8)
        _ = SSL_CTX_set_session_id_context(ctx, id, UInt32(id.count))
        if let clientCAFile {
            guard SSL_CTX_load_verify_locations(ctx, clientCAFile, nil) == 1 else {
                throw FakeServerError("cannot load the client CA \(clientCAFile)")
            }
            SSL_CTX_set_client_CA_list(ctx, SSL_load_client_CA_file(clientCAFile))
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        }
    }

    deinit { SSL_CTX_free(context) }
}
