import Controller
import Hummingbird
import Templates

/// argo-server's InfoService: `/api/v1/version`, `/api/v1/info`, `/api/v1/userinfo`.
struct InfoService {
    let api: APIContext

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/version") { _, _ in JSONIO.response(Self.version) }
        // no managed namespace, links, modals or columns configured: Go's omitempty leaves an empty object
        router.get("/api/v1/info") { _, _ in JSONIO.response([:]) }
        // server and token auth carry no identity (no SSO): argo-server's answer for them is empty too
        router.get("/api/v1/userinfo") { _, _ in JSONIO.response([:]) }
    }

    /// argo's `Version`: every field present (none is omitempty).
    static var version: JSONValue {
        [
            "version": .string("v" + ControllerModule.version), "buildDate": "", "gitCommit": "",
            "gitTag": .string("v" + ControllerModule.version), "gitTreeState": "", "goVersion": "", "compiler": "swiftc",
            "platform": .string(ControllerModule.platform),
        ]
    }
}
