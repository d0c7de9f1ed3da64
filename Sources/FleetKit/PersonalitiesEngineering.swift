/// Engineering agents: code review with staged progress, deploys that sometimes go wrong.
extension Personality {
    public static var codeReview: Personality {
        var p = Personality(
            name: "Code Review Agent",
            description: "Reviews code for security and performance problems and streams a findings report.",
            dialect: .v1,
            skills: [
                Skill(id: "security-scan", name: "Security scan",
                      description: "Finds injection, secrets, unsafe deserialisation and auth gaps.",
                      tags: ["code", "security"], examples: ["Scan PR #481 for security issues", "security-scan repo payments-api"]),
                Skill(id: "performance-analysis", name: "Performance analysis",
                      description: "Finds hot loops, N+1 queries and needless allocations.",
                      tags: ["code", "performance"], examples: ["Why is checkout slow?", "performance-analysis orders service"]),
            ]) { request in
            let findings = [
                "# Findings report\n",
                "1. [HIGH] SQL built by string concatenation (orders/query.py:88)\n",
                "2. [HIGH] AWS key committed in config/dev.env:3\n",
                "3. [MEDIUM] N+1 query loading line items (orders/views.py:140)\n",
                "4. [MEDIUM] JSON re-parsed on every request (api/middleware.py:52)\n",
                "5. [MEDIUM] Unbounded retry loop (clients/payments.py:211)\n",
                "Summary: 2 high, 3 medium. Fix 1 and 2 before merging.\n",
            ]
            return Plan.stages([("Parsing code structure...", 10), ("Building call graph...", 25),
                                ("Running security scan...", 45), ("Analysing performance hot paths...", 70),
                                ("Writing findings report...", 90)], delay: 1.2)
                + Plan.report(id: "findings-\(request.taskId.prefix(8))", name: "findings-report", chunks: findings, delay: 0.6)
                + [.finish(.completed, "Review complete: 2 high, 3 medium findings")]
        }
        p.security = .bearer(format: "JWT")
        p.delegatedPrompts = [DelegatedPrompt(from: "Deploy Agent", text: "security-scan deploy/pipeline.yaml")]
        return p
    }

    public static var deploy: Personality {
        var p = Personality(
            name: "Deploy Agent",
            description: "Builds, canaries and promotes releases. Respects change freezes; rolls back on bad canaries.",
            dialect: .v1,
            skills: [
                Skill(id: "deploy", name: "Deploy", description: "Deploys a version to an environment with a canary.",
                      tags: ["devops", "release"], examples: ["Deploy v2.4.1 to production", "deploy checkout-service to staging"]),
                Skill(id: "rollback", name: "Rollback", description: "Rolls an environment back to the previous version.",
                      tags: ["devops"], examples: ["Roll back production"]),
            ]) { request in
            // Every 4th deploy hits a change freeze, every 4th (offset) fails its canary.
            switch request.ordinal % 4 {
            case 3:
                return [.pause(0.8), .finish(.rejected, "Change freeze in effect: production deploys are blocked until Monday")]
            case 2:
                return Plan.stages([("Building image...", 20), ("Pushing to registry...", 40), ("Rolling out canary (5%)...", 60)], delay: 1.0)
                    + [.pause(1.0), .finish(.failed, "Canary health check failed: error rate 7.3% > 2%, rolled back")]
            default:
                return Plan.stages([("Building image...", 20), ("Pushing to registry...", 40),
                                    ("Rolling out canary (5%)...", 60), ("Promoting to 100%...", 90)], delay: 1.0)
                    + Plan.report(id: "deploy-log-\(request.taskId.prefix(8))", name: "deploy-log",
                                  chunks: ["image sha256:4f2a…e91 built\n", "canary 5%: error rate 0.4%\n", "promoted to 100%\n"], delay: 0.3)
                    + [.finish(.completed, "Deployed v2.4.1 to production")]
            }
        }
        p.security = .bearer(format: "JWT")
        p.delegatedPrompts = [DelegatedPrompt(from: "Pricing Agent", text: "Deploy pricing-service v1.8.0 to staging")]
        return p
    }
}
