/// The rest of the demo fleet: a Chinese-named agent, a slow one, a flaky one, a blog-era one.
extension Personality {
    public static var chineseInventory: Personality {
        var p = Personality(
            name: "库存智能Agent",
            description: "库存与需求预测智能体：补货建议、缺货预警、仓库调拨。",
            dialect: .v1,
            skills: [
                Skill(id: "demand-forecast-zh", name: "需求预测", description: "根据历史销量与季节性预测未来四周需求。",
                      tags: ["库存", "预测"], examples: ["预测下个月SKU-1042的需求", "双十一前哪些商品会缺货？"]),
                Skill(id: "stock-alert", name: "缺货预警", description: "在库存低于安全水位时发出预警。",
                      tags: ["库存", "预警"], examples: ["检查上海仓的缺货风险"]),
            ]) { request in
            Plan.stages([("正在加载销售数据…", 20), ("正在拟合季节性模型…", 50), ("正在生成补货建议…", 85)], delay: 1.1)
                + Plan.report(id: "replenish-\(request.taskId.prefix(8))", name: "补货建议",
                              chunks: ["📦 补货建议（未来四周）\n", "上海仓：SKU-1042 补货 320 件\n",
                                       "广州仓：SKU-2231 补货 145 件\n", "北京仓：库存充足，无需补货\n"], delay: 0.5)
                + [.finish(.completed, "完成：已生成补货建议")]
        }
        p.organization = "示例零售集团"
        p.delegatedPrompts = [DelegatedPrompt(from: "Inventory Intelligence Agent", text: "检查上海仓的缺货风险")]
        return p
    }

    public static var slowBackfill: Personality {
        var p = Personality(
            name: "Data Warehouse Backfill Agent",
            description: "Backfills warehouse partitions; each job takes a few minutes.",
            dialect: .v03,
            skills: [
                Skill(id: "backfill", name: "Backfill", description: "Re-computes daily partitions of a table.",
                      tags: ["data", "batch"], examples: ["Backfill sales_daily for November", "backfill events 2026-11-01..12"]),
            ]) { request in
            Plan.progress(steps: 12, delay: 15, chunks: 4, reportId: "backfill-\(request.taskId.prefix(8))") { i, n in
                "partitions \(3 * i - 2)-\(3 * i) of 12 rewritten (\(i)/\(n))\n"
            } + [.finish(.completed, "Backfill finished: 12 partitions")]
        }
        p.delegatedPrompts = [DelegatedPrompt(from: "Inventory Intelligence Agent", text: "Backfill sales_daily for last week")]
        return p
    }

    public static var flakyWeather: Personality {
        var p = Personality(
            name: "Weather Feed Agent",
            description: "Weather for delivery routing. Its upstream is unreliable: it drops out now and then.",
            dialect: .v1,
            skills: [
                Skill(id: "forecast", name: "Route weather", description: "Weather along a delivery route for the next 24 hours.",
                      tags: ["weather", "logistics"], examples: ["Weather on the M62 tonight", "Will it snow in Leeds tomorrow?"]),
            ]) { request in
            Plan.stages([("Fetching METAR observations...", 50), ("Interpolating along the route...", 90)], delay: 0.8)
                + [.chunk(artifactId: "weather-\(request.taskId.prefix(8))", name: "route-weather",
                          parts: [.text("Light rain after 21:00, 4°C, wind 20 km/h gusting 45.\n")], append: false, last: true),
                   .finish(.completed, "Route weather ready")]
        }
        p.availability = .flaky(up: 40, down: 20)
        return p
    }

    public static var legacyAnalyzer: Personality {
        var p = Personality(
            name: "Legacy Code Analyzer",
            description: "A blog-era (A2A 0.1) agent: tasks/send and tasks/sendSubscribe with progress events.",
            dialect: .v01,
            skills: [
                Skill(id: "code-analysis", name: "Code analysis", description: "Analyses a module's structure and complexity.",
                      tags: ["code", "legacy"], examples: ["Analyze billing/legacy.cbl"]),
                Skill(id: "summarize", name: "Summarize", description: "Summarises a document or a module.",
                      tags: ["text"], examples: ["Summarize the README of payments-api"]),
            ]) { request in
            let stages: [(String, Double)] = request.skillId == "summarize"
                ? [("Reading document...", 30), ("Extracting key points...", 70), ("Writing summary...", 100)]
                : [("Parsing code structure...", 25), ("Analyzing dependencies...", 50),
                   ("Scoring complexity...", 75), ("Writing summary...", 100)]
            return Plan.stages(stages, delay: 1.0)
                + Plan.report(id: "result-\(request.taskId.prefix(8))", name: "result",
                              chunks: ["Module has 14 procedures, 3 with complexity > 20. ", "Suggest extracting the rate tables first."],
                              delay: 0)
                + [.finish(.completed, "Analysis complete")]
        }
        p.version = "0.1.0"
        return p
    }
}
