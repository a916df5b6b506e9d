import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Templates

/// JSON in and out of HTTP, as argo-server's gateway reads bodies and writes answers.
enum JSONIO {
    /// A JSON answer (`application/json`, no trailing newline, as grpc-gateway writes it).
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(value.compactJSON)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    static func response(_ error: APIError) -> Response {
        response(error.body, status: error.status)
    }

    /// The request's body as a JSON object: empty is `{}`; past `limit` bytes it is refused with 413; JSON that
    /// does not parse, or is not an object, is InvalidArgument.
    static func body(_ request: Request, limit: Int) async throws(APIError) -> JSONValue {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        } catch {
            throw APIError(.cancelled, "reading the request body: \(error)")
        }
        let text = String(buffer: buffer)
        if text.allSatisfy(\.isWhitespace) { return [:] }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw .invalid("the request body is not valid JSON: \(error.description)")
        }
        guard value.objectValue != nil else { throw .invalid("the request body must be a JSON object") }
        return value
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.resourceExhausted,
                 "request body too large: the limit is \(limit) bytes (argo-lite server --max-body-bytes); a Kubernetes API server refuses objects past 3 MiB too",
                 status: 413)
    }

    /// `field` of the body as an object (the `workflow` of a create request); nil when absent or null.
    static func object(_ body: JSONValue, _ field: String) throws(APIError) -> JSONValue? {
        guard let value = body[field], !value.isNull else { return nil }
        guard value.objectValue != nil else { throw .invalid("\(field): expected a JSON object") }
        return value
    }

    static func string(_ body: JSONValue, _ field: String) throws(APIError) -> String {
        guard let value = body[field], !value.isNull else { return "" }
        guard let s = value.stringValue else { throw .invalid("\(field): expected a string") }
        return s
    }

    static func bool(_ body: JSONValue, _ field: String) throws(APIError) -> Bool {
        guard let value = body[field], !value.isNull else { return false }
        guard let b = value.boolValue else { throw .invalid("\(field): expected a boolean") }
        return b
    }

    static func strings(_ body: JSONValue, _ field: String) throws(APIError) -> [String] {
        guard let value = body[field], !value.isNull else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw .invalid("\(field): expected a list of strings")
        }
        return items.compactMap(\.stringValue)
    }
}
