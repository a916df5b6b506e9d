import Foundation
import HTTPTypes
import Server
import Testing

@Suite struct AuthTests {
    @Test func clientModeNeedsOneOfTheTokens() async throws {
        try await ServerHarness.with({ $0.tokens = ["s3cret", "other"] }) { s in
            let none = try await s.get("/api/v1/workflows/default")
            #expect(none.status == 401)
            #expect(none.text == #"{"code":16,"message":"token not valid: no token given; send \"Authorization: Bearer TOKEN\" (or the authorization cookie) with a token from the server's --token-file"}"#)
            let wrong = try await s.get("/api/v1/workflows/default", headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == 401)
            #expect(wrong.text == #"{"code":16,"message":"token not valid: it is not one of the tokens in the server's --token-file"}"#)
            #expect(try await s.get("/api/v1/workflows/default", headers: [.authorization: "Bearer s3cret"]).status == 200)
            #expect(try await s.get("/api/v1/workflows/default", headers: [.authorization: "bearer other"]).status == 200)
            #expect(try await s.get("/api/v1/workflows/default", headers: [.cookie: "authorization=Bearer%20s3cret"]).status == 200)
            #expect(try await s.get("/api/v1/workflows/default", headers: [.cookie: "authorization=Bearer%20bad"]).status == 401)
            // an unknown route is still refused first
            #expect(try await s.get("/api/v1/nothing").status == 401)
        }
    }

    @Test func bothModesLetInNoTokenButNotAWrongOne() async throws {
        try await ServerHarness.with({ $0.tokens = ["s3cret"]; $0.authModes = ["client", "server"] }) { (s: ServerHarness) async throws in
            #expect(try await s.get("/api/v1/info").status == 200)
            #expect(try await s.get("/api/v1/info", headers: [.authorization: "Bearer s3cret"]).status == 200)
            #expect(try await s.get("/api/v1/info", headers: [.authorization: "Bearer wrong"]).status == 401)
        }
    }

    @Test func serverModeOnLoopbackLetsEveryoneIn() async throws {
        try await ServerHarness.with { (s: ServerHarness) async throws in
            #expect(try await s.get("/api/v1/info").status == 200)
        }
    }

    @Test func noTokensOffLoopbackRefusesToStart() throws {
        #expect(throws: ServerStartError.self) { try AuthPolicy(ServerConfiguration(address: "0.0.0.0")) }
        do {
            _ = try AuthPolicy(ServerConfiguration(address: "0.0.0.0"))
        } catch {
            #expect(error.description == "refusing to listen on 0.0.0.0 without tokens: --auth-mode server lets in requests that carry no token, which argo-lite allows only on a loopback address. Give --token-file FILE (one token per line) with --auth-mode client, or listen on --address 127.0.0.1")
        }
        #expect(throws: ServerStartError.self) { try AuthPolicy(ServerConfiguration(address: "0.0.0.0", authModes: ["server"], tokens: ["t"])) }
        #expect(throws: ServerStartError.self) { try AuthPolicy(ServerConfiguration(authModes: ["client"])) }
        #expect(throws: ServerStartError.self) { try AuthPolicy(ServerConfiguration(authModes: ["sso"])) }
        let policy = try AuthPolicy(ServerConfiguration(address: "0.0.0.0", tokens: ["t"]))
        #expect(policy.clientMode && !policy.serverMode)
        #expect(try AuthPolicy(ServerConfiguration(address: "127.0.0.1")).serverMode)
    }

    @Test func tokenFileLines() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# tokens\n\nabc\n  Bearer def  \n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try AuthPolicy.loadTokens(path: file.path) == ["abc", "def"])
        try "# none\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ServerStartError.self) { try AuthPolicy.loadTokens(path: file.path) }
        #expect(throws: ServerStartError.self) { try AuthPolicy.loadTokens(path: file.path + "-missing") }
    }
}
