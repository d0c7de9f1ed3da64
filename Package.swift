// swift-tools-version:6.1
import PackageDescription

// Release executables link with lld and packed relative relocations (RELR, glibc >= 2.36): with
// `--static-swift-stdlib` (the Makefile's release builds) the Swift runtime and Foundation are in
// the executable, whose ~80,000 relative relocations gold writes as a 1.9 MB .rela.dyn that the
// loader reads (and keeps resident) at every start; RELR stores them in 15 KB. The executable
// stays position-independent (ASLR). lld places the functions the dashboard runs first
// (scripts/link-order.txt, made by scripts/gen-link-order.sh): the code that runs then sits on a
// few contiguous pages instead of touching pages all over the executable. Names the file lists
// that no longer exist are skipped. Measured in BENCHMARKS.md, round 7 "linking".
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                  "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/link-order.txt",
                  "-Xlinker", "--no-warn-symbol-ordering"],
                 .when(platforms: [.linux], configuration: .release)),
]

// Targets follow ../shared/DESIGN.md: pure modules (A2A, Deck, Screen) apart from I/O
// (Wire = libcurl, Terminal = ncurses), so nearly everything is testable without a terminal.
let package = Package(
    name: "AgentDeck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "agentdeck", targets: ["agentdeck"]),
        .executable(name: "agentdeck-fleet", targets: ["agentdeck-fleet"]),
        .executable(name: "agentdeck-bench", targets: ["agentdeck-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // System libraries. The shim headers wrap what Swift cannot import (variadics, macros, globals).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // No pkgConfig: ncursesw.pc carries -D flags SwiftPM prohibits (a warning); headers are on the default path.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CShim"),
        // zlib: finished tasks keep their artifacts and history deflated (TaskAccumulator.compact).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The one seeded generator (SplitMix64) and the seeded prose text, shared by the app's ids,
        // the fleet's reports, the benchmarks and the seeded tests.
        .target(name: "Seeded"),
        // Pure protocol model, dialect codecs, JSON, SSE parser.
        .target(name: "A2A", dependencies: ["CZlib"]),
        // libcurl multi engine: card polling, calls, streams, reconnect, auth.
        .target(name: "Wire", dependencies: ["A2A", "CCurl", "CShim"]),
        // The app state machine: State, Msg, Command, update(). Pure.
        .target(name: "Deck", dependencies: ["A2A", "Seeded"]),
        // Cells, styles, themes, views: state -> cells. Pure.
        .target(name: "Screen", dependencies: ["Deck", "A2A", "Yams"]),
        // ncursesw backend, keys, run loop, signals.
        .target(name: "Terminal", dependencies: ["Screen", "Deck", "CNcursesw", "CShim"]),
        // Command implementations (card/send/get/cancel/tasks/watch), testable without main.
        .target(name: "AgentDeckCLI", dependencies: [
            "A2A", "Wire", "Deck", "Screen", "Terminal", "CShim", "Yams",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "agentdeck", dependencies: ["AgentDeckCLI"], linkerSettings: releaseLinking),

        // Test support: launching real A2A peers (Python a2a-sdk servers) on 127.0.0.1.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SeededTests", dependencies: ["Seeded"]),
        .testTarget(name: "A2ATests", dependencies: ["A2A", "Seeded"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "A2A", "Seeded", "TestSupport"]),
        .testTarget(name: "DeckTests", dependencies: ["Deck", "A2A", "Seeded"]),
        // Golden screens are read by path (#filePath), not bundled.
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "Deck", "A2A"], exclude: ["Views/Golden"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Screen", "CNcursesw", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["AgentDeckCLI"]),
        .testTarget(name: "IntegrationTests", dependencies: ["AgentDeckCLI", "Wire", "Deck", "A2A", "TestSupport"]),

        // The demo and load fleet: real A2A agents (V1, V03, V01) served over loopback HTTP.
        // FleetKit deliberately depends on none of the AgentDeck app modules: it builds its own JSON
        // (Seeded, the shared generator of its reports' text, is not part of the app).
        .target(name: "FleetKit", dependencies: [
            "Seeded",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "agentdeck-fleet", dependencies: [
            "FleetKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: releaseLinking),
        .testTarget(name: "FleetTests", dependencies: ["FleetKit", "Seeded", "TestSupport"]),

        // Benchmarks that print one figure per line (`make bench`, see BENCHMARKS.md).
        .executableTarget(name: "agentdeck-bench", dependencies: ["A2A", "Deck", "Screen", "Terminal", "Wire", "Seeded", "CNcursesw", "CZlib"],
                         linkerSettings: releaseLinking),
    ]
)
