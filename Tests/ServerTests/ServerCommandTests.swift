import Controller
import Foundation
import HummingbirdTesting
import NIOCore
import Server
import Templates
import TestSupport
import Testing
@testable import argo_lite

/// `argo-lite server` as the command runs it: flags to configuration, the refusal off loopback, and a server with
/// its in-process controller running a workflow.
@Suite struct ServerCommandTests {
    @Test func offLoopbackWithoutTokensRefusesToStart() async throws {
        let directory = ScratchDirectory.url("argo-lite-server-cmd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try ServerCommand.parse(["--address", "0.0.0.0", "--no-controller", "--state-dir", directory.path])
        #expect(command.controller == false)
        let buffer = OutputBuffer()
        let env = CLIEnvironment(console: .capturing(buffer))
        let status = try await ServerCommand.serve(cluster: try ClusterAccess.open(directory),
                                                   configuration: try command.serverConfiguration(), env: env)
        #expect(status == 1)
        #expect(buffer.err.hasPrefix("refusing to listen on 0.0.0.0 without tokens: "))
    }

    @Test func aTakenPortIsSaid() async throws {
        try await ServerHarness.with { s in
            let buffer = OutputBuffer()
            let env = CLIEnvironment(console: .capturing(buffer))
            let status = try await ServerCommand.serve(cluster: s.cluster, configuration: ServerConfiguration(port: s.port), env: env)
            #expect(status == 1)
            #expect(buffer.err.hasPrefix("cannot serve on 127.0.0.1:\(s.port): "))
            #expect(buffer.err.hasSuffix("(another server on that port? choose one with --port)\n"))
        }
    }

    @Test func flagsBecomeTheConfiguration() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "t1\n".write(to: file, atomically: true, encoding: .utf8)
        let command = try ServerCommand.parse(["--port", "9999", "--token-file", file.path, "--auth-mode", "client",
                                               "--max-body-bytes", "100"])
        let configuration = try command.serverConfiguration()
        #expect(configuration.address == "127.0.0.1" && configuration.port == 9999)
        #expect(configuration.tokens == ["t1"] && configuration.authModes == ["client"])
        #expect(configuration.maxBodyBytes == 100)
        #expect(try ServerCommand.parse([]).port == 2746)
        #expect(try ServerCommand.parse([]).controller)
    }

    @Test func servesWithTheControllerInProcess() async throws {
        let directory = ScratchDirectory.url("argo-lite-server-cmd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let buffer = OutputBuffer()
        var env = CLIEnvironment(console: .capturing(buffer), stateDirectory: directory)
        env.startController = ClusterAccess.controllerStarter(directory, executable: SharedData.argoLiteExecutable)
        let cluster = try ClusterAccess.open(directory)
        let serving = Task { try await ServerCommand.serve(cluster: cluster, configuration: ServerConfiguration(port: 0), env: env) }
        var port: Int? = nil
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = buffer.err.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
        }
        let client = TestClient(host: "127.0.0.1", port: try #require(port), configuration: .init(timeout: .seconds(30)))
        client.connect()
        var body = ByteBuffer()
        body.writeString(#"{"workflow": \#(workflowJSON(name: "via-command"))}"#)
        let created = try await client.post("/api/v1/workflows/default", headers: [.contentType: "application/json"], body: body)
        #expect(created.status == .ok)
        var phase = ""
        for _ in 0..<300 where !["Succeeded", "Failed", "Error"].contains(phase) {
            try await Task.sleep(for: .milliseconds(100))
            let got = try await client.get("/api/v1/workflows/default/via-command?fields=status.phase")
            phase = (try? JSONParser.parse(String(buffer: got.body ?? ByteBuffer())))?["status"]?["phase"]?.stringValue ?? ""
        }
        #expect(phase == "Succeeded")
        try await client.shutdown()
        serving.cancel()
        #expect(try await serving.value == 0)
    }
}
