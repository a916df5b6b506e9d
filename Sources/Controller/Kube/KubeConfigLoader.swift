import Foundation
import Templates
import ClusterAPI

extension KubeConfig {
    /// Reads a kubeconfig file and resolves `context` (or its `current-context`) to a config.
    public static func load(file: String, context: String? = nil) throws(KubeConfigError) -> KubeConfig {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw KubeConfigError(file: file, field: "(file)", problem: "cannot be read; set KUBECONFIG or --kubeconfig to a readable file")
        }
        let root: JSONValue
        do { root = try YAML.loadFirst(text, file: file).toJSONValue() } catch {
            throw KubeConfigError(file: file, field: "(file)", problem: "not valid YAML: \(error)")
        }
        return try KubeConfigFile(file: file, root: root).resolve(context: context)
    }
}

/// One kubeconfig document, looked up by name as kubectl does.
struct KubeConfigFile {
    var file: String
    var root: JSONValue
    var folder: String { (file as NSString).deletingLastPathComponent }

    func fail(_ field: String, _ problem: String) -> KubeConfigError {
        KubeConfigError(file: file, field: field, problem: problem)
    }

    func named(_ list: String, _ name: String, _ inner: String) throws(KubeConfigError) -> JSONValue {
        let entry = root[list]?.arrayValue?.first { $0["name"]?.stringValue == name }
        guard let value = entry?[inner] else {
            throw fail("\(list)[\(name)]", "no entry named \(name); add it or choose another context")
        }
        return value
    }

    func resolve(context explicit: String?) throws(KubeConfigError) -> KubeConfig {
        guard let name = explicit ?? root["current-context"]?.stringValue, !name.isEmpty else {
            throw fail("current-context", "not set; set it (kubectl config use-context) or name a context")
        }
        let context = try named("contexts", name, "context")
        guard let clusterName = context["cluster"]?.stringValue else {
            throw fail("contexts[\(name)].cluster", "missing; name the cluster this context uses")
        }
        let cluster = try named("clusters", clusterName, "cluster")
        guard let server = cluster["server"]?.stringValue, !server.isEmpty else {
            throw fail("clusters[\(clusterName)].server", "missing; set the API server's URL (https://host:port)")
        }
        var config = KubeConfig(server: server)
        if let ns = context["namespace"]?.stringValue, !ns.isEmpty { config.namespace = ns }
        let at = "clusters[\(clusterName)]"
        config.caFile = path(cluster["certificate-authority"])
        config.caData = try data(cluster["certificate-authority-data"], "\(at).certificate-authority-data")
        config.insecureSkipTLSVerify = cluster["insecure-skip-tls-verify"]?.boolValue ?? false
        if let userName = context["user"]?.stringValue, !userName.isEmpty {
            try user(try named("users", userName, "user"), "users[\(userName)]", into: &config)
        }
        return config
    }

    func user(_ user: JSONValue, _ at: String, into config: inout KubeConfig) throws(KubeConfigError) {
        config.token = user["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        config.tokenFile = path(user["tokenFile"])
        config.clientCertFile = path(user["client-certificate"])
        config.clientCertData = try data(user["client-certificate-data"], "\(at).client-certificate-data")
        config.clientKeyFile = path(user["client-key"])
        config.clientKeyData = try data(user["client-key-data"], "\(at).client-key-data")
        let hasCert = config.clientCertFile != nil || config.clientCertData != nil
        let hasKey = config.clientKeyFile != nil || config.clientKeyData != nil
        if hasCert != hasKey {
            throw fail("\(at).\(hasCert ? "client-key" : "client-certificate")", "missing; a client certificate needs both the certificate and its key")
        }
        config.username = user["username"]?.stringValue
        config.password = user["password"]?.stringValue
        if let exec = user["exec"], !exec.isNull {
            guard let command = exec["command"]?.stringValue, !command.isEmpty else {
                throw fail("\(at).exec.command", "missing; name the credential plugin to run")
            }
            var plugin = KubeConfig.ExecCredential(
                command: command, apiVersion: exec["apiVersion"]?.stringValue ?? "client.authentication.k8s.io/v1",
                baseDirectory: folder)
            plugin.args = exec["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
            plugin.env = exec["env"]?.arrayValue?.compactMap { e in
                e["name"]?.stringValue.map { ($0, e["value"]?.stringValue ?? "") }
            } ?? []
            config.exec = plugin
        }
    }

    func path(_ value: JSONValue?) -> String? {
        guard let p = value?.stringValue, !p.isEmpty else { return nil }
        return p.hasPrefix("/") ? p : folder + "/" + p
    }

    func data(_ value: JSONValue?, _ field: String) throws(KubeConfigError) -> [UInt8]? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        guard let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw fail(field, "not base64; paste the output of `base64 -w0 FILE`")
        }
        return [UInt8](bytes)
    }
}

extension KubeConfig {
    /// The config of a pod's service account, as client-go's `rest.InClusterConfig`.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory dir: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws(KubeConfigError) -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw KubeConfigError(file: "(environment)", field: "KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT",
                                  problem: "not set: not running in a pod; use a kubeconfig instead")
        }
        let tokenPath = dir + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError(file: tokenPath, field: "token", problem: "cannot be read; mount the pod's service account token")
        }
        var config = KubeConfig(server: "https://\(host.contains(":") ? "[\(host)]" : host):\(port)")
        config.tokenFile = tokenPath
        if FileManager.default.fileExists(atPath: dir + "/ca.crt") { config.caFile = dir + "/ca.crt" }
        if let ns = try? String(contentsOfFile: dir + "/namespace", encoding: .utf8) {
            let trimmed = ns.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { config.namespace = trimmed }
        }
        return config
    }
}
