import Foundation
import HTTPTypes
import Server
import Templates
import Testing

@Suite struct InfoAndErrorTests {
    @Test func versionInfoAndUserInfo() async throws {
        try await ServerHarness.with { s in
            let version = try await s.get("/api/v1/version")
            #expect(version.status == 200)
            #expect(version.headers[.contentType] == "application/json")
            #expect(version.json["version"]?.stringValue?.hasPrefix("v") == true)
            for key in ["buildDate", "gitCommit", "gitTag", "gitTreeState", "goVersion", "compiler", "platform"] {
                #expect(version.json[key]?.stringValue != nil, "\(key)")
            }
            #expect(try await s.get("/api/v1/info").text == "{}")
            #expect(try await s.get("/api/v1/userinfo").text == "{}")
        }
    }

    @Test func unknownRouteIsNotFound() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.get("/api/v1/no-such-thing")
            #expect(reply.status == 404)
            #expect(reply.text == #"{"code":5,"message":"Not Found"}"#)
        }
    }

    @Test func malformedJSONIsInvalidArgument() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.post("/api/v1/workflows/default", #"{"workflow": "#)
            #expect(reply.status == 400)
            #expect(reply.json["code"] == 3)
            #expect(reply.json["message"]?.stringValue?.hasPrefix("the request body is not valid JSON: ") == true)
            let notObject = try await s.post("/api/v1/workflows/default", "[1]")
            #expect(notObject.text == #"{"code":3,"message":"the request body must be a JSON object"}"#)
            let wrongType = try await s.post("/api/v1/workflows/default", #"{"workflow": 1}"#)
            #expect(wrongType.text == #"{"code":3,"message":"workflow: expected a JSON object"}"#)
            let missing = try await s.post("/api/v1/workflows/default", "{}")
            #expect(missing.status == 400)
            #expect(missing.text == #"{"code":3,"message":"workflow body not specified"}"#)
        }
    }

    @Test func bodyPastTheLimitIs413() async throws {
        try await ServerHarness.with { s in
            let big = #"{"workflow": {"metadata": {"name": ""# + String(repeating: "x", count: 10 * 1024 * 1024) + #""}}}"#
            let reply = try await s.post("/api/v1/workflows/default", big)
            #expect(reply.status == 413)
            #expect(reply.json["code"] == 8)
            #expect(reply.json["message"]?.stringValue == "request body too large: the limit is 3145728 bytes (argo-lite server --max-body-bytes); a Kubernetes API server refuses objects past 3 MiB too")
            // the server goes on serving
            #expect(try await s.get("/api/v1/info").status == 200)
        }
    }

    @Test func objectInAnotherNamespaceIsRefused() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.post("/api/v1/workflows/default", #"{"workflow": \#(workflowJSON(name: "w", namespace: "other"))}"#)
            #expect(reply.status == 400)
            #expect(reply.text == #"{"code":3,"message":"the namespace of the provided object does not match the namespace sent on the request"}"#)
            // and a workflow in one namespace is not found in another
            _ = try await s.post("/api/v1/workflows/default", #"{"workflow": \#(workflowJSON(name: "w"))}"#)
            let elsewhere = try await s.get("/api/v1/workflows/other/w")
            #expect(elsewhere.status == 404)
            #expect(elsewhere.text == #"{"code":5,"message":"workflows.argoproj.io \"w\" not found"}"#)
        }
    }

    @Test func queryBooleansParseAsGo() throws {
        for text in ["1", "t", "T", "TRUE", "true", "True"] { #expect(QueryParameters.parseBool(text) == true, "\(text)") }
        for text in ["0", "f", "F", "FALSE", "false", "False"] { #expect(QueryParameters.parseBool(text) == false, "\(text)") }
        for text in ["yes", "", "tRUE", "2"] { #expect(QueryParameters.parseBool(text) == nil, "\(text)") }
        let query = QueryParameters("a=T&b=nope&c=x+y%2Bz&d")
        #expect(try query.bool("a"))
        #expect(try !query.bool("missing"))
        #expect(query["c"] == "x y+z")
        #expect(query.has("d") && query["d"] == "")
        #expect(throws: APIError.invalid(#"type mismatch, parameter: b, error: strconv.ParseBool: parsing "nope": invalid syntax"#)) {
            try query.bool("b")
        }
    }

    @Test func badQueryBooleanIsInvalidArgument() async throws {
        try await ServerHarness.with { s in
            let reply = try await s.get("/api/v1/workflows/default/w/log?logOptions.follow=yes")
            #expect(reply.status == 400)
            #expect(reply.text == #"{"code":3,"message":"type mismatch, parameter: logOptions.follow, error: strconv.ParseBool: parsing \"yes\": invalid syntax"}"#)
        }
    }
}
