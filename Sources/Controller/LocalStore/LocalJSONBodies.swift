import Templates
import ClusterAPI

extension JSONValue {
    /// Parses a body the local store wrote (any valid JSON), keeping key order.
    static func parseStored(_ text: String) throws(ClusterError) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .other("local store: corrupt JSON body (\(error.description))")
        }
    }
}
