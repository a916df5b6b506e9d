import Controller
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `argo-lite server`: argo-server's REST API (`/api/v1/...`, the paths, bodies and JSON of Argo's
/// `api/openapi-spec/swagger.json`) over a `Cluster`. The routes are grouped as argo-server groups its services.
public struct ArgoServer: Sendable {
    public let configuration: ServerConfiguration
    let api: APIContext
    let auth: AuthPolicy

    /// Refuses a configuration that would let requests in unchecked where it must not (`AuthPolicy`).
    public init(cluster: any Cluster, configuration: ServerConfiguration, now: @escaping @Sendable () -> Date = { Date() })
        throws(ServerStartError)
    {
        self.configuration = configuration
        auth = try AuthPolicy(configuration)
        api = APIContext(store: ServerStore(cluster: cluster), configuration: configuration, now: now)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware(maxBodyBytes: configuration.maxBodyBytes))
        router.add(middleware: AuthMiddleware(policy: auth))
        InfoService(api: api).register(router)
        WorkflowService(api: api).register(router)
        WorkflowSubmitService(api: api).register(router)
        WorkflowActionService(api: api).register(router)
        WorkflowLogService(api: api).register(router)
        WorkflowEventService(api: api).register(router)
        StoredObjectService.workflowTemplates(api).register(router)
        StoredObjectService.clusterWorkflowTemplates(api).register(router)
        StoredObjectService.cronWorkflows(api).register(router)
        CronWorkflowService(api: api).register(router)
        return router
    }

    /// The Hummingbird application; `onListening` gets the bound port (the configured one, or the one picked for 0).
    public func application(logger: Logger = Logger(label: "argo-lite-server"),
                            onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.address, port: configuration.port),
                                 serverName: "argo-lite"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}

extension ArgoServer {
    /// Serves until the task is cancelled (signals are the caller's: `argo-lite server` stops on SIGINT/SIGTERM).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        // Hummingbird logs a stop by cancellation as errors ("Already closed"); what matters is thrown from here.
        var logger = Logger(label: "argo-lite-server")
        logger.logLevel = .critical
        try await application(logger: logger, onListening: onListening).runService(gracefulShutdownSignals: [])
    }
}

/// What every service's routes share: the store, the configuration and the clock.
struct APIContext: Sendable {
    let store: ServerStore
    let configuration: ServerConfiguration
    let now: @Sendable () -> Date

    func body(_ request: Request) async throws(APIError) -> JSONValueBody {
        JSONValueBody(value: try await JSONIO.body(request, limit: configuration.maxBodyBytes))
    }

    func stream(timeoutSeconds: Int64?) -> EventStream {
        EventStream(keepAlive: configuration.keepAliveInterval,
                    timeout: timeoutSeconds.flatMap { $0 > 0 ? .seconds($0) : nil })
    }
}

extension BasicRequestContext {
    /// A path parameter the route names (`:namespace`, `:name`).
    func path(_ name: String) -> String { parameters.get(name) ?? "" }
}

extension Request {
    var query: QueryParameters { QueryParameters(uri.query ?? "") }
}
