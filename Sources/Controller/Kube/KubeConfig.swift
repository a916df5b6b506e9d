import Foundation
import Templates
import ClusterAPI

/// Where and how to reach a Kubernetes API server: what client-go's `rest.Config` holds, resolved from a
/// kubeconfig file (`KubeConfig.load`) or from a pod's service account (`KubeConfig.inCluster`).
/// File paths are absolute (a kubeconfig's relative paths are resolved against the file's folder, as kubectl does).
public struct KubeConfig: Sendable, Equatable {
    public var server: String
    public var namespace: String = "default"
    public var caFile: String?
    public var caData: [UInt8]?
    public var insecureSkipTLSVerify = false
    public var token: String?
    /// Read again for each request (service-account tokens are rotated on disk).
    public var tokenFile: String?
    public var clientCertFile: String?
    public var clientCertData: [UInt8]?
    public var clientKeyFile: String?
    public var clientKeyData: [UInt8]?
    public var username: String?
    public var password: String?
    public var exec: ExecCredential?
    public var requestTimeout: Duration = .seconds(30)

    public init(server: String) { self.server = server }

    /// A `users[].user.exec` credential plugin (client.authentication.k8s.io).
    public struct ExecCredential: Sendable, Equatable {
        public var command: String
        public var args: [String] = []
        public var env: [(name: String, value: String)] = []
        public var apiVersion: String
        /// The kubeconfig's folder: a relative `command` with a slash is resolved against it.
        public var baseDirectory: String

        public static func == (a: Self, b: Self) -> Bool {
            a.command == b.command && a.args == b.args && a.apiVersion == b.apiVersion
                && a.env.map(\.name) == b.env.map(\.name) && a.env.map(\.value) == b.env.map(\.value)
        }
    }

    /// The `Authorization` header for the next request, or nil: a bearer token (from `token`, `tokenFile` or the
    /// exec plugin), else basic auth from `username`/`password`.
    public func authorizationHeader() throws(KubeConfigError) -> String? {
        if let token { return "Bearer \(token)" }
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw KubeConfigError(file: tokenFile, field: "tokenFile", problem: "cannot be read; check the path and its permissions")
            }
            return "Bearer \(text.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        if let exec { return "Bearer \(try exec.run())" }
        if let username {
            let pair = Array("\(username):\(password ?? "")".utf8)
            return "Basic \(Data(pair).base64EncodedString())"
        }
        return nil
    }
}

/// A kubeconfig that cannot be used: the file, the field and what to do.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var field: String
    public var problem: String
    public init(file: String, field: String, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }
    public var description: String { "\(file): \(field): \(problem)" }
}

extension KubeConfig.ExecCredential {
    /// A plugin's answer: the token, and until when it is good (`status.expirationTimestamp`, when given).
    struct Credential: Sendable {
        var token: String
        var expires: Date?
        func isFresh(at now: Date) -> Bool { expires.map { now < $0 } ?? true }
    }

    /// Runs the plugin and returns the ExecCredential's `status.token`.
    func run() throws(KubeConfigError) -> String { try credential().token }

    /// Runs the plugin and returns its ExecCredential's status.
    func credential() throws(KubeConfigError) -> Credential {
        let field = "exec.command \(command)"
        // A command with a `/` is a path, relative to the kubeconfig's folder; a bare name is looked up in PATH.
        let executable = command.contains("/") && !command.hasPrefix("/")
            ? URL(fileURLWithPath: command, relativeTo: URL(fileURLWithPath: baseDirectory + "/")).standardizedFileURL.path
            : command
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in env { environment[name] = value }
        environment["KUBERNETES_EXEC_INFO"] =
            #"{"apiVersion":"\#(apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
        let ended: ExecPluginProcess.Ended
        switch ExecPluginProcess.run([executable] + args, environment: environment.map { "\($0.key)=\($0.value)" }) {
        case .success(let e): ended = e
        case .failure(let error):
            throw KubeConfigError(file: baseDirectory, field: field, problem: "cannot be started (\(error)); install it or fix the path")
        }
        guard ended.status == 0 else {
            throw KubeConfigError(file: baseDirectory, field: field, problem: "exited with status \(ended.status); run it by hand to see why")
        }
        let text = String(decoding: ended.output, as: UTF8.self)
        guard let json = try? JSONParser.parse(text), let token = json["status"]?["token"]?.stringValue else {
            throw KubeConfigError(file: baseDirectory, field: field, problem: "printed no ExecCredential JSON with status.token")
        }
        var expires: Date?
        if let stamp = json["status"]?["expirationTimestamp"]?.stringValue {
            guard let date = ISO8601DateFormatter().date(from: stamp) else {
                throw KubeConfigError(file: baseDirectory, field: field,
                                      problem: "printed expirationTimestamp \"\(stamp)\", which is not an RFC 3339 time")
            }
            expires = date
        }
        return Credential(token: token, expires: expires)
    }
}
