import Foundation

/// The e-commerce trio: inventory, pricing, support.
extension Personality {
    public static var inventory: Personality {
        var p = Personality(
            name: "Inventory Intelligence Agent",
            description: "Forecasts demand and checks stock across warehouses; flags SKUs at risk of selling out.",
            dialect: .v1,
            skills: [
                Skill(id: "demand-forecast", name: "Demand forecast",
                      description: "Forecasts weekly demand per SKU from sales history, seasonality and promotions.",
                      tags: ["inventory", "forecasting", "retail"],
                      examples: ["Forecast demand for SKU-1042 over the next 4 weeks", "Which SKUs sell out before Black Friday?"]),
                Skill(id: "stock-check", name: "Stock check",
                      description: "Reports on-hand and in-transit units for a SKU in every warehouse.",
                      tags: ["inventory", "warehouse"],
                      examples: ["stock-check SKU-1042", "How many units of SKU-2231 are in Leeds?"]),
            ]) { request in
            let sku = Flavor.sku(in: request.text)
            if request.skillId == "stock-check" || request.text.lowercased().contains("stock") {
                let onHand = Flavor.number(sku, 0...900), inTransit = Flavor.number(sku + "t", 0...300)
                return Plan.stages([("Querying warehouse systems...", 40), ("Reconciling in-transit units...", 80)], delay: 1.0)
                    + [.chunk(artifactId: "stock-\(request.taskId.prefix(8))", name: "stock-level",
                              parts: [.text("\(sku): \(onHand) on hand, \(inTransit) in transit\n"),
                                      .data(.obj(("sku", .string(sku)), ("onHand", .int(onHand)), ("inTransit", .int(inTransit))))],
                              append: false, last: true),
                       .finish(.completed, "Stock level report ready for \(sku)")]
            }
            let weeks = (1...4).map { "Week \($0): \(Flavor.number("\(sku)\($0)", 80...400)) units\n" }
            return Plan.stages([("Loading 18 months of sales history...", 20), ("Fitting seasonal model...", 45),
                                ("Simulating promotions...", 70), ("Forecasting next 4 weeks...", 90)], delay: 1.2)
                + Plan.report(id: "forecast-\(request.taskId.prefix(8))", name: "demand-forecast",
                              chunks: ["Demand forecast for \(sku)\n"] + weeks, delay: 0.4)
                + [.finish(.completed, "Forecast ready: \(sku), 4 weeks")]
        }
        p.security = .apiKey(header: "X-API-Key")
        p.delegatedPrompts = [DelegatedPrompt(from: "Pricing Agent", text: "stock-check SKU-2231"), DelegatedPrompt(from: "Deploy Agent", text: "Forecast demand for SKU-1042")]
        return p
    }

    public static var pricing: Personality {
        var p = Personality(
            name: "Pricing Agent",
            description: "Recommends prices from competitor data, elasticity and margin guardrails.",
            dialect: .v1,
            skills: [
                Skill(id: "price-recommendation", name: "Price recommendation",
                      description: "Suggests a price for a SKU and the expected sales lift.",
                      tags: ["pricing", "retail"], examples: ["Price SKU-1042 for the weekend sale", "Should we match Acme on SKU-2231?"]),
                Skill(id: "competitor-watch", name: "Competitor watch",
                      description: "Summarises competitor price moves for a category.",
                      tags: ["pricing", "market"], examples: ["What did competitors change in headphones today?"]),
            ]) { request in
            let sku = Flavor.sku(in: request.text)
            let current = Double(Flavor.number(sku, 1_999...8_999)) / 100
            let recommended = (current * 0.94 * 100).rounded() / 100
            return Plan.stages([("Collecting competitor prices...", 30), ("Estimating price elasticity...", 65),
                                ("Checking margin guardrails...", 90)], delay: 1.0)
                + [.chunk(artifactId: "price-\(request.taskId.prefix(8))", name: "price-recommendation",
                          parts: [.data(.obj(("sku", .string(sku)), ("currency", .string("GBP")),
                                             ("currentPrice", .double(current)), ("recommendedPrice", .double(recommended)),
                                             ("expectedLiftPercent", .double(8.5))))],
                          append: false, last: true),
                   .finish(.completed, "Recommend £\(JSON.pythonFloat(recommended)) for \(sku) (was £\(JSON.pythonFloat(current)))")]
        }
        p.security = .bearer(format: "JWT")
        p.delegatedPrompts = [DelegatedPrompt(from: "Inventory Intelligence Agent", text: "Price SKU-1042 after the forecast")]
        return p
    }

    public static var support: Personality {
        var p = Personality(
            name: "Customer Support Agent",
            description: "Answers order questions; asks for the order number when it needs one.",
            dialect: .v03,
            skills: [
                Skill(id: "order-status", name: "Order status", description: "Finds where an order is.",
                      tags: ["support", "orders"], examples: ["Where is my order?", "My parcel is late"]),
                Skill(id: "returns", name: "Returns", description: "Starts a return for an order.",
                      tags: ["support", "returns"], examples: ["I want to return my headphones"]),
            ]) { _ in
            [.working("Reading your message..."), .pause(0.8),
             .finish(.inputRequired, "Could you share your order number (e.g. ORD-12345)?")]
        }
        p.followUp = { request in
            let order = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = order.isEmpty ? "your order" : String(order.prefix(40))
            return Plan.stages([("Looking up \(shown)...", 50), ("Checking carrier tracking...", 90)], delay: 1.0)
                + [.chunk(artifactId: "answer-\(request.taskId.prefix(8))", name: "answer",
                          parts: [.text("\(shown) left our Leeds warehouse yesterday and arrives tomorrow before 18:00.\n")],
                          append: false, last: true),
                   .finish(.completed, "Answered: \(shown) arrives tomorrow")]
        }
        return p
    }
}
