import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

@Suite struct SafeFileNameTests {
    @Test(arguments: [
        ("../../etc/passwd", "etc_passwd"),
        ("/absolute/path.txt", "absolute_path.txt"),
        ("..", nil),
        (".hidden", "hidden"),
        ("a\u{0}b\u{1B}[31mc", "a_b_31mc"),
        ("report: Q3 (final).md", "report_Q3_final_.md"),
        ("résumé-日本.txt", "résumé-日本.txt"),
        ("evil\u{202E}txt.exe", "evil_txt.exe"),
        ("C:\\Windows\\win.ini", "C_Windows_win.ini"),
        ("", nil),
        ("///", nil),
    ] as [(String, String?)])
    func sanitizes(_ raw: String, _ expected: String?) {
        #expect(SafeFileName.sanitize(raw) == expected)
    }

    @Test func longNamesAreCut() throws {
        let name = try #require(SafeFileName.sanitize(String(repeating: "x", count: 5000)))
        #expect(name.count == SafeFileName.maxCharacters)
    }

    @Test func freshNamesGetASuffixBeforeTheExtension() {
        let taken: Set = ["/d/report.txt", "/d/report-2.txt"]
        #expect(SafeFileName.fresh("report.txt", in: "/d", exists: taken.contains) == "/d/report-3.txt")
        #expect(SafeFileName.fresh("notes", in: "/d", exists: { $0 == "/d/notes" }) == "/d/notes-2")
        #expect(SafeFileName.fresh("x", in: "/d", exists: { _ in true }, limit: 3) == nil)
    }

    @Test func extensions() {
        #expect(SafeFileName.withExtension("report", "txt") == "report.txt")
        #expect(SafeFileName.withExtension("chart.png", "bin") == "chart.png")
        #expect(SafeFileName.existingExtension("archive.tar.gz") == "gz")
        #expect(SafeFileName.existingExtension("v1.0 final") == nil)
    }
}

@Suite struct ArtifactRenderingTests {
    @Test func textIsTextAndChunksJoinAsSent() {
        let r = ArtifactRendering.render(Artifact(artifactID: "a", name: "notes", parts: [.text("one\n"), .text("two")]))
        #expect(r.main == .init(nameHint: "notes", ext: "txt", bytes: Array("one\ntwo".utf8)))
        #expect(r.extras.isEmpty && r.notes.isEmpty)
    }

    @Test func dataIsPrettyJSON() throws {
        let r = ArtifactRendering.render(Artifact(artifactID: "a", parts: [Part(.data(["b": 1, "a": [true]]))]))
        let main = try #require(r.main)
        #expect(main.ext == "json")
        #expect(String(decoding: main.bytes, as: UTF8.self) == "{\n  \"a\": [\n    true\n  ],\n  \"b\": 1\n}\n")
        #expect(main.nameHint == "a", "no name: the artifact id")
    }

    @Test func fileBytesAreDecodedAndURLsNeverFetched() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]
        let artifact = Artifact(artifactID: "a", name: "chart", parts: [
            Part(.fileBytes(base64: Data(png).base64EncodedString()), mediaType: "image/png"),
            Part(.fileURL("https://example.invalid/big.zip")),
        ])
        let r = ArtifactRendering.render(artifact)
        #expect(r.main == .init(nameHint: "chart", ext: "png", bytes: png))
        #expect(r.notes == ["file given by URL not fetched: https://example.invalid/big.zip"])
    }

    @Test func badBase64IsSkippedWithANote() {
        let r = ArtifactRendering.render(Artifact(artifactID: "a", parts: [Part(.fileBytes(base64: "%%%not base64"))]))
        #expect(r.main == nil)
        #expect(r.notes == ["part 1 is not valid base64: skipped"])
    }

    @Test func aMixedArtifactWritesItsFilesBesideTheText() {
        let r = ArtifactRendering.render(Artifact(artifactID: "a", name: "bundle", parts: [
            .text("summary"), Part(.fileBytes(base64: "aGk="), filename: "hi.txt"), Part(.data(["k": "v"])),
        ]))
        #expect(r.main?.ext == "txt")
        #expect(r.main.map { String(decoding: $0.bytes, as: UTF8.self) } == "summary\n{\n  \"k\": \"v\"\n}\n")
        #expect(r.extras == [.init(nameHint: "hi.txt", ext: "txt", bytes: Array("hi".utf8))])
    }
}

@Suite struct ArtifactSaverTests {
    func request(_ artifact: Artifact, path: String? = nil) -> SaveRequest {
        SaveRequest(content: .artifact(artifact), agentName: "Alice", taskID: "t-1", path: path)
    }

    @Test func savesIntoTheFolderWithoutOverwriting() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: folder.path + "/artifacts")
        let artifact = Artifact(artifactID: "a", name: "../../report", parts: [.text("v1")])
        #expect(saver.save(request(artifact)) == .saved(path: folder.path + "/artifacts/report.txt", note: nil))
        var second = artifact
        second.parts = [.text("v2")]
        #expect(saver.save(request(second)) == .saved(path: folder.path + "/artifacts/report-2.txt", note: nil))
        #expect(String(decoding: try #require(FileManager.default.contents(atPath: folder.path + "/artifacts/report.txt")), as: UTF8.self) == "v1")
        #expect(String(decoding: try #require(FileManager.default.contents(atPath: folder.path + "/artifacts/report-2.txt")), as: UTF8.self) == "v2")
        // Nothing escaped the folder.
        #expect(folder.names == ["artifacts"])
    }

    @Test func aSymlinkPlantedAtTheNameIsNotFollowed() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/report.txt", withDestinationPath: folder.path + "/target")
        let saver = ArtifactSaver(directory: folder.path)
        let outcome = saver.save(request(Artifact(artifactID: "a", name: "report", parts: [.text("x")])))
        #expect(outcome == .saved(path: folder.path + "/report-2.txt", note: nil))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/target"))
    }

    @Test func anExplicitPathIsWrittenExactlyAndNeverReplaced() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: folder.path + "/unused")
        let path = folder.path + "/out.md"
        #expect(saver.save(request(Artifact(artifactID: "a", parts: [.text("# hi")]), path: path)) == .saved(path: path, note: nil))
        #expect(folder.text("out.md") == "# hi")
        guard case .saveFailed(let why) = saver.save(request(Artifact(artifactID: "a", parts: [.text("other")]), path: path)) else {
            Issue.record("an existing file was replaced")
            return
        }
        #expect(why.contains("already exists"))
        #expect(folder.text("out.md") == "# hi")
    }

    @Test func aFolderPathGetsANameInside() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: "/nonexistent")
        let outcome = saver.save(request(Artifact(artifactID: "a", name: "x", parts: [.text("1")]), path: folder.path))
        #expect(outcome == .saved(path: folder.path + "/x.txt", note: nil))
    }

    @Test func onlyURLPartsWriteNothingAndSaySo() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: folder.path)
        let outcome = saver.save(request(Artifact(artifactID: "a", parts: [Part(.fileURL("http://127.0.0.1:1/f"))])))
        #expect(outcome == .saveFailed("nothing to write: file given by URL not fetched: http://127.0.0.1:1/f"))
        #expect(folder.names.isEmpty)
    }

    @Test func theTaskAsJSONWhenAsked() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: folder.path)
        let task = A2ATask(id: "t/../1", contextID: "c", status: TaskStatus(state: .working), artifacts: [])
        let outcome = saver.save(SaveRequest(content: .task(task), agentName: "Alice", taskID: "t/../1"))
        #expect(outcome == .saved(path: folder.path + "/task-t_.._1.json", note: nil))
        let json = try JSONParser.parse(try #require(folder.contents("task-t_.._1.json")))
        #expect(json.objectValue?["taskId"] == "t/../1")
        #expect(json.objectValue?["state"] == "working")
        #expect(json.objectValue?["agent"] == "Alice")
    }

    @Test func filesOfAMixedArtifactGoBesideTheMainOne() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let saver = ArtifactSaver(directory: folder.path)
        let outcome = saver.save(request(Artifact(artifactID: "a", name: "bundle", parts: [
            .text("summary"), Part(.fileBytes(base64: "aGk="), filename: "../hi.txt"),
        ])))
        #expect(outcome == .saved(path: folder.path + "/bundle.txt", note: "and 1 more file beside it"))
        #expect(folder.names == ["bundle.txt", "hi.txt"])
        #expect(folder.text("hi.txt") == "hi")
    }
}

@Suite struct ArtifactSaverFailureTests {
    @Test func anUnwritableFolderIsAClearFailure() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // A file where the folder should be: nothing can be created under it (even as root).
        try "x".write(toFile: folder.path + "/blocked", atomically: true, encoding: .utf8)
        let saver = ArtifactSaver(directory: folder.path + "/blocked/artifacts")
        let outcome = saver.save(SaveRequest(content: .artifact(Artifact(artifactID: "a", parts: [.text("x")])), agentName: "A", taskID: "t"))
        guard case .saveFailed(let why) = outcome else {
            Issue.record("saved under a file: \(outcome)")
            return
        }
        #expect(why.contains(folder.path + "/blocked/artifacts"), "names the folder: \(why)")
    }
}
