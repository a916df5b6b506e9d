import Foundation
import HTTPTypes
import Hummingbird

/// argo-server's `--auth-mode` over bearer tokens from a token file. `client`: a request must carry one of the
/// tokens, in `Authorization: Bearer TOKEN` or the `authorization` cookie (as the UI sends it). `server`: a request
/// without a token is let in (argo-server then acts as its own service account); with both modes, a request that
/// carries a token must carry a valid one. A server that lets requests in without a token listens only on
/// loopback.
public struct AuthPolicy: Sendable {
    public let clientMode: Bool
    public let serverMode: Bool
    let tokens: [[UInt8]]

    public static let modes: Set<String> = ["client", "server"]

    public init(_ configuration: ServerConfiguration) throws(ServerStartError) {
        var modes = Set(configuration.authModes)
        for mode in modes where !Self.modes.contains(mode) {
            throw ServerStartError("--auth-mode \(mode): argo-lite supports client (bearer tokens from --token-file) and server (no token, loopback only); sso is not supported")
        }
        if modes.isEmpty { modes = configuration.tokens.isEmpty ? ["server"] : ["client"] }
        clientMode = modes.contains("client")
        serverMode = modes.contains("server")
        tokens = configuration.tokens.map { Array($0.utf8) }
        if clientMode && tokens.isEmpty {
            throw ServerStartError("--auth-mode client needs tokens: give --token-file FILE, a file with one token per line")
        }
        if serverMode && !configuration.isLoopback {
            throw ServerStartError("refusing to listen on \(configuration.address) without tokens: --auth-mode server lets in requests that carry no token, which argo-lite allows only on a loopback address. Give --token-file FILE (one token per line) with --auth-mode client, or listen on --address 127.0.0.1")
        }
    }

    /// Nil when the request may go on; else the Unauthenticated error to answer with.
    func check(_ request: Request) -> APIError? {
        guard let token = Self.token(in: request) else {
            if serverMode { return nil }
            return APIError(.unauthenticated, "token not valid: no token given; send \"Authorization: Bearer TOKEN\" (or the authorization cookie) with a token from the server's --token-file")
        }
        let given = Array(token.utf8)
        if clientMode, tokens.contains(where: { Self.equalInConstantTime($0, given) }) { return nil }
        return APIError(.unauthenticated, "token not valid: it is not one of the tokens in the server's --token-file")
    }

    /// The bearer token of the Authorization header, else of the `authorization` cookie.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization], let token = bearer(header) { return token }
        if let cookie = request.cookies["authorization"]?.value {
            let decoded = cookie.removingPercentEncoding ?? cookie
            return bearer(decoded) ?? (decoded.isEmpty ? nil : decoded)
        }
        return nil
    }

    static func bearer(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bearer ") else { return nil }
        let token = trimmed.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// A token file's tokens: one a line; blank lines and `#` comments skipped; a `Bearer ` prefix dropped.
    public static func loadTokens(path: String) throws(ServerStartError) -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ServerStartError("--token-file \(path): cannot read it: \(error.localizedDescription)")
        }
        let tokens = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { bearer($0) ?? $0 }
        if tokens.isEmpty { throw ServerStartError("--token-file \(path): no tokens in it (one token per line)") }
        return tokens
    }
}
