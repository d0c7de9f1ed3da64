import Testing

@testable import A2A

@Suite struct JSONWriterTests {
    @Test func compactOutputKeepsKeyOrder() {
        let v: JSONValue = ["b": 1, "a": [true, nil, "x"], "c": ["n": 1.5]]
        #expect(v.jsonString == #"{"b":1,"a":[true,null,"x"],"c":{"n":1.5}}"#)
    }

    @Test func sortedAndPretty() {
        let v: JSONValue = ["b": 1, "a": [], "c": ["z": "y"], "d": [1, 2]]
        #expect(JSONWriter(sortedKeys: true).string(v) == #"{"a":[],"b":1,"c":{"z":"y"},"d":[1,2]}"#)
        #expect(v.prettyJSON == "{\n  \"a\": [],\n  \"b\": 1,\n  \"c\": {\n    \"z\": \"y\"\n  },\n  \"d\": [\n    1,\n    2\n  ]\n}")
    }

    @Test func escaping() {
        let v = JSONValue.string("q\"b\\s/ n\n r\r t\t \u{1} \u{1F} \u{7F} é 😀")
        #expect(v.jsonString == #""q\"b\\s/ n\n r\r t\t \u0001 \u001f \u007f é 😀""#)
        #expect(JSONValue.object(JSONObject([("k\"ey", 1)])).jsonString == #"{"k\"ey":1}"#)
    }

    @Test func numbers() {
        #expect(JSONValue.number(33).jsonString == "33")
        #expect(JSONValue.number(-0.5).jsonString == "-0.5")
        #expect(JSONValue.number(1e300).jsonString == "1e+300")
        #expect(JSONValue.number(9_007_199_254_740_992).jsonString == "9007199254740992")
        #expect(JSONValue.number(.infinity).jsonString == "null")
        #expect(JSONValue.number(.nan).jsonString == "null")
    }

    @Test func everyCaptureRoundTrips() throws {
        for name in try Capture.allNames() {
            let capture = try Capture.load(name)
            let bodies = capture.isEventStream ? splitSSE(capture.body).map { Array($0.data.utf8) } : [capture.body]
            for body in bodies {
                guard let value = try? JSONParser.parse(body) else { continue }  // the truncated captures
                #expect(try JSONParser.parse(value.jsonBytes) == value, "\(name)")
                #expect(try JSONParser.parse(value.prettyJSON) == value, "\(name)")
            }
        }
    }

    @Test func objectEqualityIgnoresKeyOrder() {
        let a = JSONValue.object(JSONObject([("x", 1), ("y", 2)]))
        let b = JSONValue.object(JSONObject([("y", 2), ("x", 1)]))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != JSONValue.object(JSONObject([("x", 1), ("y", 3)])))
        #expect(a != JSONValue.object(JSONObject([("x", 1)])))
    }

    @Test func largeObjectsUseTheIndexCorrectly() throws {
        var o = JSONObject()
        for i in 0..<100 { o["k\(i)"] = .number(Double(i)) }
        o["k5"] = "replaced"
        o["k50"] = nil
        #expect(o.count == 99)
        #expect(o["k5"] == "replaced")
        #expect(o["k50"] == nil)
        #expect(o["k99"] == 99)
        #expect(o.keys.first == "k0")
        let text = JSONValue.object(o).jsonString
        #expect(try JSONParser.parse(text) == .object(o))
    }
}
