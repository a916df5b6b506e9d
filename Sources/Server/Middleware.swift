import Hummingbird

/// Answers 401 before any route runs when the request's token does not pass.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: AuthPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let error = policy.check(request) { return JSONIO.response(error) }
        return try await next(request, context)
    }
}

/// Every error a route throws (and the router's own 404) as argo-server's JSON error body.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return JSONIO.response(APIError(.notFound, "Not Found"))
            case .contentTooLarge: return JSONIO.response(JSONIO.tooLarge(maxBodyBytes))
            case .methodNotAllowed: return JSONIO.response(APIError(.unimplemented, "Method Not Allowed", status: 405))
            default: return JSONIO.response(APIError(.invalidArgument, error.body ?? error.status.reasonPhrase, status: error.status.code))
            }
        } catch {
            return JSONIO.response(APIError.from(error))
        }
    }
}
