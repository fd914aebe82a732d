import Pipeline
import Testing
@testable import Verification

private let document: JSONValue = .object([
    "status": .string("ok"),
    "data": .object([
        "ok": .bool(true),
        "ratio": .double(0.99),
        "missing": .null,
        "items": .array([.object(["value": .int(5)]), .object(["value": .int(7)]), .object(["value": .int(9)])]),
        "a.b": .string("dotted"),
    ]),
    "empty": .array([]),
])

/// Kubernetes JSONPath as Argo Rollouts' web provider uses it: parsing and evaluation.
struct JSONPathQueryTests {
    @Test(arguments: [
        ("{$}", document),
        ("{$.status}", .string("ok")),
        ("{.status}", .string("ok")),
        ("{@.status}", .string("ok")),
        ("{$.data.ok}", .bool(true)),
        ("{$.data.ratio}", .double(0.99)),
        ("{$.data.missing}", .null),
        ("{$.data.items[0].value}", .int(5)),
        ("{$.data.items[-1].value}", .int(9)),
        ("{$['data']['items'][1]['value']}", .int(7)),
        ("{$[\"status\"]}", .string("ok")),
        ("{$.data.a\\.b}", .string("dotted")),
        ("{$.data['a.b']}", .string("dotted")),
        ("{$.data.items[*].value}", .int(5)),
        ("{$.data.items[1:].value}", .int(7)),
        ("{$.data.items[::2]}", .object(["value": .int(5)])),
        ("{$..value}", .int(5)),
        ("{ $.status }", .string("ok")),
        ("status: {$.status}", .string("status: ")),
    ] as [(String, JSONValue)])
    func selectsTheFirstValue(template: String, expected: JSONValue) throws {
        let query = try JSONPathQuery(template)
        #expect(try query.firstValue(in: document) == expected)
    }

    @Test func everySegmentHasItsResults() throws {
        let query = try JSONPathQuery("{$.data.items[*].value} of {$.status}")
        #expect(try query.results(in: document) == [[.int(5), .int(7), .int(9)], [.string(" of ")], [.string("ok")]])
    }

    @Test func aPathThatSelectsNothingHasNoValue() throws {
        #expect(try JSONPathQuery("{$.empty[*]}").firstValue(in: document) == nil)
    }

    @Test(arguments: [
        ("{$.nope}", "nope is not found"),
        ("{$.data.items[3]}", "array index out of bounds: index 3, length 3"),
        ("{$.data.items[-4]}", "array index out of bounds: index -1, length 3"),
        ("{$.status[0]}", "string is not array or slice"),
        ("{$.data.items[2:1]}", "starting index 2 is greater than ending index 1"),
    ])
    func evaluationFailuresUseKubernetesWording(template: String, message: String) throws {
        let query = try JSONPathQuery(template)
        #expect(throws: JSONPathQuery.Failure(message)) { try query.firstValue(in: document) }
    }

    @Test(arguments: ["{$.status", "{$.items[?(@.x==1)]}", "{$.items[0,1]}", "{$.items[a]}", "{range .items}", "{$.items[0}"])
    func unsupportedOrMalformedTemplatesDoNotParse(template: String) {
        #expect(throws: JSONPathQuery.Failure.self) { try JSONPathQuery(template) }
    }
}
