"""Thirty short structured articles, the ground truth of the plain-text corpus.

Each is written in a tiny outline format read by `outline.parse_outline`: `# ` the title,
`## ` a section, `### ` a subsection, `- ` or `1. ` list items (two more spaces per level),
`| a | b |` table rows (the first is the header), four-space indented code, `Difficulty: X`
lines, and paragraphs of one line each. Blank lines separate blocks.
"""

ARTICLES = (
"""
# Caching Strategies for Busy APIs
## Why Caching Matters
A cache keeps hot data close to the code that reads it. Every request it answers is one the database never sees.
Caches also smooth out bursts of traffic that would otherwise queue up behind slow queries.
## Choosing a Cache Layer
Pick the layer that fits the shape of your traffic.
- Local memory is the fastest but lives inside one process.
- A shared store such as Redis serves many processes at once.
- A content delivery network caches whole responses near the reader.
### Expiry and Invalidation
Decide how stale an answer may be before you decide how to refresh it.
A short time to live is simple; explicit invalidation is precise but harder to get right.
## Measuring the Effect
Track the hit ratio, the latency of misses and the load on the origin.
| Metric | Good sign | Warning sign |
| Hit ratio | Above ninety percent | Falling week after week |
| Miss latency | Close to the origin | Much slower than the origin |
| Origin load | Flat under bursts | Spikes with traffic |
""",
"""
# Getting Started with Git Branches
## What a Branch Is
A branch is a movable pointer to a commit. Creating one costs almost nothing.
## Everyday Commands
These few commands cover most days of work.
    git switch -c feature/login
    git commit -am "Add login form"
    git switch main
Run them in a clean working tree so that nothing surprising comes along.
## Merging and Rebasing
### Merging
A merge joins two histories with a new commit that has two parents.
### Rebasing
A rebase replays your commits on top of another branch, which keeps the history linear.
Never rebase commits that other people have already pulled.
## Good Habits
- Keep branches short lived.
- Name them after the change they carry.
- Delete them once they are merged.
""",
"""
# Learning SQL Joins Step by Step
## Inner Joins
Difficulty: Beginner
An inner join returns the rows that have a match in both tables.
It is the join you will write most often.
## Outer Joins
Difficulty: Intermediate
A left join keeps every row of the left table and fills the gaps with nulls.
Right and full joins follow the same idea from the other side or from both.
## Joins Compared
| Join | Keeps unmatched left rows | Keeps unmatched right rows |
| Inner | No | No |
| Left | Yes | No |
| Right | No | Yes |
| Full | Yes | Yes |
## Common Mistakes
1. Joining on a column that is not unique and multiplying rows.
2. Filtering an outer join in the where clause and losing its nulls.
3. Forgetting an index on the joined column.
""",
"""
# A Practical Guide to Container Images
## Layers and Caching
Each instruction in a build file adds a layer. Layers that do not change are reused on the next build.
Order the instructions from the least to the most often changed.
## Keeping Images Small
- Start from a slim base image.
- Install only what the application needs at run time.
- Use a multi-stage build to leave compilers behind.
  - The first stage compiles the program.
  - The second stage copies only the result.
## Tagging Releases
Give every image an immutable tag, such as the commit it was built from.
A moving tag like latest is convenient but tells you nothing about what runs.
## Scanning for Vulnerabilities
Scan images in the pipeline and again on a schedule, because new flaws are found in old packages.
""",
"""
# Understanding HTTP Status Codes
## The Five Classes
Status codes are grouped by their first digit.
| Class | Meaning | Example |
| 1xx | Informational | 100 Continue |
| 2xx | Success | 200 OK |
| 3xx | Redirection | 301 Moved Permanently |
| 4xx | Client error | 404 Not Found |
| 5xx | Server error | 503 Service Unavailable |
## Codes Worth Knowing Well
### Success Codes
Use 201 when a request created something and 204 when there is nothing to send back.
### Error Codes
A 400 means the request itself is wrong, while a 422 means it was understood but cannot be processed.
Return 429 when a client sends too many requests, with a hint of when to retry.
## Choosing the Right Code
Clients act on the code before they read the body, so an accurate code saves them guesswork.
""",
"""
# Message Queues: Delivery Without the Mystery
## What Problem Queues Solve
Queues let a producer hand work to a consumer that may be slower, busy or offline.
The producer carries on while the work waits its turn.
## Delivery Guarantees
Difficulty: Intermediate
- At most once: a message may be lost but never repeated.
- At least once: a message is never lost but may arrive twice.
- Exactly once: costly, and usually built from the other two.
## Designing Consumers
Make consumers idempotent, so that handling a message twice does no harm.
Acknowledge a message only after its work is safely done.
## Watching the Backlog
A growing backlog is the first sign that consumers cannot keep up.
Alert on its age rather than its length, because age is what users feel.
""",
"""
# Writing Unit Tests That Last
## Test Behaviour, Not Code
A test that mirrors the implementation breaks on every refactor and catches nothing new.
Describe what the caller sees instead.
## The Shape of a Good Test
1. Arrange the smallest input that shows the behaviour.
2. Act once.
3. Assert the exact outcome.
## Naming Tests
A test name should read as a sentence about the system, such as an empty cart has no total.
## When Tests Get Slow
### Find the Slow Ones
Most runners can list the slowest tests; start there.
### Cut the Input Output
Replace network and disk with small in-memory versions only where the real thing cannot run.
""",
"""
# Linux Permissions Explained: Owners, Groups and Modes
## Users, Groups and Others
Every file has an owner, a group and a set of permissions for everyone else.
## Reading the Mode
The mode shows read, write and execute bits for each of the three classes.
| Symbol | Number | Meaning |
| r | 4 | Read |
| w | 2 | Write |
| x | 1 | Execute |
## Changing Permissions
    chmod 640 notes.txt
    chown alice:staff notes.txt
The first command sets the mode and the second changes the owner and the group.
## Special Bits
- The setuid bit runs a program as its owner.
- The setgid bit on a folder makes new files inherit its group.
- The sticky bit stops users deleting each other's files in a shared folder.
""",
"""
# Designing REST Resources
## Nouns First
Model the things your domain talks about, then let the methods say what happens to them.
## URLs That Read Well
- Use plural nouns for collections.
- Nest a resource only when it cannot live without its parent.
- Keep verbs out of paths.
## Pagination
Difficulty: Intermediate
Cursor pagination stays correct while rows are added, which offset pagination does not.
Return the cursor of the next page with every response.
## Versioning
Version the API when a change would break existing clients, and give them time to move.
""",
"""
# Monitoring a Small Web Service
## The Four Signals
Watch latency, traffic, errors and saturation before anything else.
Together they tell you whether users are having a bad time.
## Dashboards
### One Page per Service
Put the four signals on one page so that a tired person can read it at night.
### Avoid Vanity Charts
A chart that never changes a decision is noise.
## Alerts
1. Alert on symptoms that users feel.
2. Send only alerts that need a human now.
3. Link every alert to a short runbook.
## After an Incident
Write down what happened, what helped and what you will change, without blame.
""",
"""
# Python Virtual Environments
## Why Isolate Dependencies
Two projects on one machine often need different versions of the same library.
An environment per project keeps them apart.
## Creating an Environment
    python -m venv .venv
    source .venv/bin/activate
    pip install -r requirements.txt
## Pinning Versions
Pin exact versions for applications and looser ranges for libraries.
A lock file records what was actually installed.
## Common Problems
- The wrong interpreter runs because the environment is not active.
- A package installs globally because pip belongs to another Python.
- Old environments linger after the project has moved on.
""",
"""
# Indexes in Relational Databases
## How an Index Helps
An index is a sorted copy of some columns with pointers back to the rows.
It turns a full scan into a short walk down a tree.
## Kinds of Indexes
| Kind | Good for | Cost |
| B-tree | Ranges and equality | Moderate writes |
| Hash | Equality only | Cheap lookups |
| Partial | A subset of rows | Small and focused |
## When Indexes Hurt
Every index slows down inserts and updates, and takes space.
Drop the ones that no query uses.
## Reading a Query Plan
Difficulty: Advanced
Ask the database how it will run the query before guessing.
Look for sequential scans on large tables and for estimates far from the real row counts.
""",
"""
# Continuous Integration in Practice
## What Belongs in the Pipeline
Build, test and check style on every push, so that problems show up within minutes.
## Keeping It Fast
- Cache dependencies between runs.
- Run independent jobs in parallel.
- Split the slowest suite across machines.
## Flaky Tests
A test that fails at random teaches people to ignore red builds.
Quarantine it, fix it, and bring it back.
## Deploying from the Pipeline
### Staging First
Deploy every green build to a staging copy that looks like production.
### Production Releases
Promote the same artefact to production, never a fresh build.
""",
"""
# The Basics of TLS
## What TLS Protects
TLS keeps traffic private, proves who the server is and detects tampering.
## The Handshake
1. The client says hello and lists what it supports.
2. The server answers with its certificate.
3. Both sides agree on keys for the session.
## Certificates
A certificate binds a name to a public key, signed by an authority the client trusts.
Renew certificates automatically so that they never expire by surprise.
## Common Misconfigurations
- Serving an incomplete chain.
- Allowing old protocol versions.
- Forgetting to redirect plain HTTP.
""",
"""
# Event Driven Architecture for Beginners
## Events and Commands
A command asks a service to do something; an event says that something has happened.
## Why Teams Choose Events
Difficulty: Beginner
Services stay loosely coupled, and new consumers can join without changing the producer.
## The Costs
### Harder Debugging
A single user action may travel through many services, so tracing becomes essential.
### Eventual Consistency
Readers may see old data for a while, and the design has to accept that.
## Patterns to Know
| Pattern | Purpose |
| Outbox | Publish events reliably with a database change |
| Saga | Coordinate a long process across services |
| Event sourcing | Store state as a sequence of events |
""",
"""
# Kubernetes Pods and Deployments
## Pods
A pod is one or more containers that share a network address and storage.
Pods are disposable; the cluster replaces them as it sees fit.
## Deployments
A deployment keeps a number of identical pods running and rolls out new versions gradually.
    kubectl apply -f deployment.yaml
    kubectl rollout status deployment/web
## Health Checks
- A readiness probe says when a pod may receive traffic.
- A liveness probe says when a pod should be restarted.
- A startup probe gives slow programs time to begin.
## Resource Requests and Limits
Difficulty: Intermediate
Requests reserve capacity for scheduling; limits cap what a container may use.
""",
"""
# Regular Expressions: The Parts You Will Actually Use
## Anchors and Classes
Anchors pin a pattern to the start or end of a line, and classes match one character from a set.
## Quantifiers
| Quantifier | Meaning |
| Star | Zero or more |
| Plus | One or more |
| Question mark | Zero or one |
| Braces | A chosen range |
## Groups
Parentheses capture part of a match so that you can use it again.
Named groups make long patterns easier to read.
## When Not to Use Them
Do not parse nested formats such as HTML with a regular expression; use a parser.
""",
"""
# Load Balancing Fundamentals
## Why Balance Load
Spreading requests across servers raises capacity and survives the loss of one machine.
## Algorithms
- Round robin hands requests out in turn.
- Least connections favours the quietest server.
- Hashing sends the same client to the same server.
## Layer Four and Layer Seven
### Transport Balancers
They forward connections without reading them, which is fast and simple.
### Application Balancers
They read each request and can route by path, header or cookie.
## Health and Draining
Take a server out of rotation before you stop it, and let its open requests finish.
""",
"""
# Secrets Management for Small Teams
## Never in the Repository
A secret committed once stays in the history even after you delete the file.
Rotate it at once if that happens.
## Where Secrets Should Live
1. A managed secret store for production.
2. Environment variables injected at deploy time.
3. A local file ignored by version control for development.
## Rotation
Difficulty: Intermediate
Plan rotation before you need it, and make it a routine rather than an emergency.
## Access
Give each service only the secrets it uses, and log every read.
""",
"""
# Profiling Slow Code
## Measure Before Changing
Intuition about performance is wrong more often than it is right.
A profiler shows where the time really goes.
## Sampling and Tracing Profilers
| Kind | Overhead | Detail |
| Sampling | Low | Statistical |
| Tracing | High | Every call |
## Reading a Flame Graph
Wide boxes are where time is spent; tall stacks are only deep calls.
Start with the widest box near the top.
## Common Fixes
- Move work out of loops.
- Cache results that are computed again and again.
- Choose a data structure with cheaper lookups.
""",
"""
# DNS in Plain Words: From Names to Addresses
## Names to Addresses
DNS turns a name people remember into an address machines can reach.
## Record Types
- An A record points a name at an IPv4 address.
- An AAAA record points it at an IPv6 address.
- A CNAME record makes one name an alias of another.
- An MX record names the mail servers of a domain.
## Caching and Time to Live
Resolvers keep answers for as long as the record allows.
Lower the time to live a day before you plan to move a service.
## Debugging Lookups
    dig example.org
    dig +trace example.org
The second command follows the lookup from the root servers down.
""",
"""
# Code Review That Helps
## What Reviews Are For
Reviews spread knowledge and catch mistakes; they are not a gate for personal taste.
## For Authors
1. Keep changes small enough to read in one sitting.
2. Explain why the change is needed.
3. Point out the parts you are unsure of.
## For Reviewers
### Read the Description First
Understand the goal before judging the code.
### Be Specific
Suggest a concrete alternative instead of saying that something feels wrong.
## Turnaround Time
A review that waits for days costs more than the time it takes.
""",
"""
# Object Storage Basics
## Buckets and Objects
Object storage keeps files as objects in flat buckets, each with a key and some metadata.
## Storage Classes
| Class | Access | Price |
| Standard | Frequent | Highest |
| Infrequent | Monthly | Lower |
| Archive | Rare | Lowest |
## Lifecycle Rules
Move old objects to cheaper classes automatically and delete what nobody needs.
## Access Control
Difficulty: Beginner
Keep buckets private by default and share single objects with signed links that expire.
""",
"""
# Concurrency with Threads and Processes
## Threads
Threads share memory, which makes communication cheap and mistakes easy.
## Processes
Processes have separate memory and talk through pipes, sockets or files.
They survive each other's crashes.
## Locks and Their Dangers
- A deadlock happens when two threads wait for each other forever.
- Contention happens when many threads queue for one lock.
- Forgetting a lock corrupts data silently.
## Choosing a Model
### Input and Output Bound Work
Threads or an event loop keep many slow requests in flight.
### Compute Bound Work
Processes use every core without fighting over one interpreter lock.
""",
"""
# Writing Clear Documentation
## Know the Reader
Write for the person who arrives with a task and little time.
## Structure
1. Start with what the thing does and who it is for.
2. Show the shortest path to a first success.
3. Leave the reference for last.
## Examples
Every example should run as written. Test them in the build if you can.
## Keeping Docs Current
Difficulty: Intermediate
Change the documentation in the same commit as the code it describes.
""",
"""
# Rate Limiting an API
## Why Limit
Limits protect a service from floods and share capacity fairly between clients.
## Token Bucket
A bucket fills with tokens at a steady rate, and each request spends one.
Bursts are allowed up to the size of the bucket.
## Fixed and Sliding Windows
| Method | Strength | Weakness |
| Fixed window | Simple to count | Bursts at window edges |
| Sliding window | Smooth limits | More state to keep |
## Telling Clients
- Return status 429 when a limit is hit.
- Say how long to wait before trying again.
- Publish the limits in the documentation.
""",
"""
# Backups: Copies You Can Restore
## The Three Two One Rule
Keep three copies, on two kinds of media, with one copy somewhere else.
## Testing Restores
Difficulty: Advanced
A backup that has never been restored is only a hope.
Restore a random backup every month and time how long it takes.
## What to Back Up
- Databases, with their transaction logs.
- Configuration that is not in version control.
- Secrets, encrypted, in a separate place.
## Retention
Keep daily copies for a week, weekly copies for a month and monthly copies for a year.
""",
"""
# Introduction to WebSockets
## Beyond Request and Response
A WebSocket keeps one connection open so that both sides can send messages at any time.
## Opening a Connection
The client starts with an ordinary request that asks to upgrade the connection.
    GET /chat HTTP/1.1
    Upgrade: websocket
    Connection: Upgrade
## Keeping Connections Healthy
### Heartbeats
Send small pings so that idle connections are not dropped by proxies.
### Reconnecting
Clients should reconnect with a growing delay after a failure.
## Scaling Out
Many connections per server are fine, but messages for one user may need to cross servers.
""",
"""
# Feature Flags Done Right
## What Flags Are For
A flag separates deploying code from releasing a feature.
## Kinds of Flags
| Kind | Lifetime | Owner |
| Release | Days to weeks | The team shipping it |
| Experiment | Weeks | Product |
| Operational | Long | Operations |
| Permission | Permanent | The business |
## Cleaning Up
Difficulty: Beginner
Remove a release flag as soon as the feature is fully on. Old flags become traps.
## Testing with Flags
1. Test the default state in every build.
2. Test the new state before turning it on.
3. Keep the number of combinations small.
""",
"""
# Structured Logging: Logs as Data
## Logs as Data
Write each log entry as a set of named fields instead of a sentence.
Machines can then filter and count them.
## Fields Worth Having
- A timestamp in universal time.
- A level such as info or error.
- A request identifier that follows the request across services.
- The service name and version.
## Levels
### Errors
An error needs someone to act on it.
### Warnings
A warning is unusual but handled.
## Cost and Retention
Sample noisy debug logs and keep errors longer than everything else.
""",
)
