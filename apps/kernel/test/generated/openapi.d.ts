export interface paths {
    "/v1/vector/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List vector collections
         * @description Pages through the tenant's vector collections in name order, with their settings.
         */
        get: operations["vectorEmbeddings.listCollections"];
        put?: never;
        /**
         * Create (or open) a vector collection
         * @description Creates a collection of vectors of one dimension (1..65,536) compared by a metric (cosine, l2, ip), with optional HNSW settings. Creating an existing collection with the same settings just returns it; other settings are FAILED_PRECONDITION. Returns the collection's info.
         */
        post: operations["vectorEmbeddings.createCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a collection's settings
         * @description Reads a collection's dimension, metric, HNSW settings and creation time. NOT_FOUND when there is no such collection.
         */
        get: operations["vectorEmbeddings.getCollection"];
        put?: never;
        post?: never;
        /**
         * Drop a collection and its vectors
         * @description Deletes a collection with all its vectors and index. Returns whether it existed.
         */
        delete: operations["vectorEmbeddings.dropCollection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/vectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a vector by id
         * @description Reads a stored vector with its metadata. NOT_FOUND when the id holds none.
         */
        get: operations["vectorEmbeddings.get"];
        /**
         * Store or replace one vector
         * @description Stores a vector (exactly the collection's dimension of numbers; not all zero under cosine) under an id, with optional metadata to filter searches on, replacing what the id held. It is searchable as soon as this returns.
         */
        put: operations["vectorEmbeddings.upsert"];
        post?: never;
        /**
         * Delete a vector
         * @description Deletes a vector from its collection and index. Returns whether it was stored.
         */
        delete: operations["vectorEmbeddings.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/vectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a collection's vector ids
         * @description Pages through the ids (with metadata, without vectors) of a collection, in id order.
         */
        get: operations["vectorEmbeddings.list"];
        put?: never;
        /**
         * Store or replace up to 10,000 vectors
         * @description Stores up to 10,000 vectors ({ id, vector, metadata? } each) in one call, replacing what their ids held. Returns { count } stored.
         */
        post: operations["vectorEmbeddings.upsertMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count a collection's vectors
         * @description Returns { count }: how many vectors the collection holds right now.
         */
        get: operations["vectorEmbeddings.count"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Nearest vectors to a query vector
         * @description Finds the k stored vectors nearest a query vector (HNSW; exact: true for a brute-force scan), optionally only those whose metadata matches a filter. consistency latest (default) sees every write acknowledged before the search, in any process. Returns { items: [{ id, score, metadata }] }, best first.
         */
        post: operations["vectorEmbeddings.search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/calibrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Measure recall against ef and pick the default ef
         * @description An operator's tuning call: measures the index's recall at several ef values against exact search and stores the ef that reaches the recall target (skipped under 100 vectors unless force). Returns the calibration, or { calibration: null } when skipped.
         */
        post: operations["vectorEmbeddings.calibrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/compact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild the index without deleted slots
         * @description An operator's maintenance call: rebuilds this process's index of the collection when enough of it is deleted slots (or always with force). Returns { rebuilt }.
         */
        post: operations["vectorEmbeddings.compact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Persist the collection's index now
         * @description An operator's call: writes a snapshot of the collection's index so the next open replays less of the log. Returns { written }: false when nothing is new or another process holds the snapshot lease.
         */
        post: operations["vectorEmbeddings.snapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vector/collections/{name}/deleted-fraction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Share of deleted slots in the index
         * @description Returns { fraction }: deleted slots over nodes of this process's index of the collection; compact rebuilds it when this grows.
         */
        get: operations["vectorEmbeddings.deletedFraction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/turns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append a conversation turn
         * @description Stores one turn of a conversation: the session, who spoke (user, assistant, system, tool), the content, optional metadata, timestamp (default now) and embedding reference. The content becomes searchable. Returns the turn with its id.
         */
        post: operations["episodic.append"];
        /**
         * Retention: delete turns older than a time
         * @description Deletes every turn, of every session, timestamped before `before`. An operator's retention call. Returns how many this call removed.
         */
        delete: operations["episodic.deleteOlderThan"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/turns/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append up to 500 turns atomically
         * @description Stores up to 500 turns (16 MiB of content in all) in one atomic write: all or none. Returns { items } with the turns, ids included, in the order given.
         */
        post: operations["episodic.appendBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/turns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a turn by id
         * @description Reads one turn by the id append returned. NOT_FOUND when there is none.
         */
        get: operations["episodic.get"];
        put?: never;
        post?: never;
        /**
         * Delete a turn
         * @description Deletes one turn (and its search entries). Returns whether it existed.
         */
        delete: operations["episodic.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/sessions/{sessionId}/turns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a session's turns in time order
         * @description Pages through a session's turns oldest first (order desc: newest first), within a [from, to) window and optionally only some roles. Use it to replay a conversation.
         */
        get: operations["episodic.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/sessions/{sessionId}/recent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last turns of a session
         * @description Reads the latest turns of a session (default 20), returned oldest first: the context to continue a conversation. Returns { items }.
         */
        get: operations["episodic.recent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/sessions/{sessionId}/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count a session's turns
         * @description Returns { count }: how many turns a session holds (0 for an unknown session).
         */
        get: operations["episodic.count"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions with turns
         * @description Pages through the sessions that hold turns, in session id order, with how many turns each holds.
         */
        get: operations["episodic.listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Full-text search over turns
         * @description Finds the turns whose content best matches a text query (BM25 over stemmed words; at most 4,096 characters and 32 distinct terms), optionally in one session and a [from, to) window. Use it to recall what was said about something. Returns { items: [{ turn, score }] }, best first.
         */
        post: operations["episodic.search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a session's turns
         * @description Deletes every turn of a session. Returns how many this call removed.
         */
        delete: operations["episodic.deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/episodic/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search corpus statistics
         * @description Returns { documents, totalLength }: how many turns are indexed for search and their summed length in terms (what BM25 scores with).
         */
        get: operations["episodic.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List entities of a type as of a time
         * @description Pages through the entities of one type that were true at validAt as believed at knownAt (both default now), in id order.
         */
        get: operations["graph.listEntities"];
        put?: never;
        /**
         * Assert an entity (true from a time on)
         * @description Records that an entity (a person, an org, a thing: type, name, properties) is true over a valid interval, default [now, ∞). What was believed about that interval is replaced, outside it kept; asserting an existing id from a later validFrom supersedes it from then. Give id to update a known entity; otherwise one is made. Returns the new version.
         */
        post: operations["graph.assertEntity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/relationships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List relationships of a type as of a time
         * @description Pages through the relationships of one type that were true at validAt as believed at knownAt (both default now), in id order.
         */
        get: operations["graph.listRelationships"];
        put?: never;
        /**
         * Assert a relationship between two entities
         * @description Records that a typed relationship from one entity to another (with properties) is true over a valid interval, default [now, ∞). Both entities must exist. What was believed about that interval is replaced, outside it kept; asserting an existing id from a later validFrom supersedes it from then. Returns the new version.
         */
        post: operations["graph.assertRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/correct": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct what was believed about an entity in a past interval
         * @description Replaces what the store believed about a known entity over a past valid interval [validFrom, validTo); reads with an earlier knownAt still see the old belief. NOT_FOUND for an id never asserted. Returns the new version.
         */
        post: operations["graph.correctEntity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/relationships/{id}/correct": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct what was believed about a relationship in a past interval
         * @description Replaces what the store believed about a known relationship over a past valid interval [validFrom, validTo); reads with an earlier knownAt still see the old belief. NOT_FOUND for an id never asserted. Returns the new version.
         */
        post: operations["graph.correctRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End an entity in valid time
         * @description Ends a fact in valid time: it stops being true at `at` (default now), optionally until `until`. History is kept. NOT_FOUND for an unknown id. Returns { changed }.
         */
        post: operations["graph.endEntity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/relationships/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a relationship in valid time
         * @description Ends a fact in valid time: it stops being true at `at` (default now), optionally until `until`. History is kept. NOT_FOUND for an unknown id. Returns { changed }.
         */
        post: operations["graph.endRelationship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an entity as of a time
         * @description Reads an entity as it was at validAt, as the store believed at knownAt (both default now), with its four timestamps. NOT_FOUND when it was not true then.
         */
        get: operations["graph.getEntity"];
        put?: never;
        post?: never;
        /**
         * Retract an entity
         * @description Retracts a fact in transaction time: from now on nothing is believed about it at any valid time; reads with an earlier knownAt still see it. Returns whether something was retracted.
         */
        delete: operations["graph.deleteEntity"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/relationships/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a relationship as of a time
         * @description Reads a relationship as it was at validAt, as the store believed at knownAt (both default now). NOT_FOUND when it was not true then.
         */
        get: operations["graph.getRelationship"];
        put?: never;
        post?: never;
        /**
         * Retract a relationship
         * @description Retracts a fact in transaction time: from now on nothing is believed about it at any valid time; reads with an earlier knownAt still see it. Returns whether something was retracted.
         */
        delete: operations["graph.deleteRelationship"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk-load new entities and relationships
         * @description Loads new entities and relationships (at most 2000 facts) in one atomic write, all true from validFrom (default now). Ids already taken are refused (FAILED_PRECONDITION). Returns how many of each were loaded.
         */
        post: operations["graph.importFacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/outgoing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Relationships leaving an entity
         * @description Pages through the relationships from an entity (optionally of one type) true at validAt as believed at knownAt, by type then id. Use it to see what an entity points at.
         */
        get: operations["graph.outgoing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/incoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Relationships reaching an entity
         * @description Pages through the relationships to an entity (optionally of one type) true at validAt as believed at knownAt, by type then id. Use it to see what points at an entity.
         */
        get: operations["graph.incoming"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/traverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Walk the graph from an entity
         * @description Breadth-first walk from an entity up to depth hops (0..16) along relationships (out, in or both; optionally only some types), as of validAt and knownAt. Returns the entities reached with their depth, the relationships walked, and truncated when a cap (maxNodes, default 1,000) stopped it early.
         */
        get: operations["graph.traverse"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/entities/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of an entity
         * @description Pages through every version of a fact with its four timestamps (valid and transaction time), oldest transaction first: how the store's belief about it changed.
         */
        get: operations["graph.entityHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/relationships/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of a relationship
         * @description Pages through every version of a fact with its four timestamps (valid and transaction time), oldest transaction first: how the store's belief about it changed.
         */
        get: operations["graph.relationshipHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/skills/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a skill (its current or a given version)
         * @description Reads one of an agent's skills by name: the current version, or `version`. NOT_FOUND when there is no such skill or version.
         */
        get: operations["procedural.getSkill"];
        /**
         * Save a skill (a new version when it changed)
         * @description Stores how an agent does something: a named skill in a category, as content text and/or an ordered list of steps (at most 1,000), with an optional description and metadata; at most 4 MiB of JSON in all. Saving an unchanged skill returns the current version; a changed one becomes the next version. Returns the skill.
         */
        put: operations["procedural.saveSkill"];
        post?: never;
        /**
         * Delete a skill
         * @description Deletes one of an agent's skills with all its versions and statistics. Returns whether there was one.
         */
        delete: operations["procedural.deleteSkill"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/skills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an agent's skills
         * @description Pages through the current versions of an agent's skills in name order, optionally of one category. Use it to see what an agent knows how to do.
         */
        get: operations["procedural.listSkills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/skills/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a skill's versions
         * @description Pages through every saved version of one skill, oldest first, the current one last; empty when there is no such skill.
         */
        get: operations["procedural.listVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agents that hold skills
         * @description Pages through the agents holding skills, in id order, with how many each holds.
         */
        get: operations["procedural.listAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/skills/{name}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count one use of a skill
         * @description Records that an agent used a skill: success or failure, how long it took (ms, fractions allowed, at most a day) and the error of a failure. Concurrent records are never lost. The counts feed bestSkills, mostUsed and recentlyUsed. NOT_FOUND when there is no such skill.
         */
        post: operations["procedural.recordExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/skills/{name}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a skill's success statistics
         * @description Reads a skill's counts: successes, failures, durations, last use and error, success rate and its Wilson lower bound (zeros before the first execution). NOT_FOUND when there is no such skill.
         */
        get: operations["procedural.getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/categories/{category}/best": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The most reliable skills of a category
         * @description Ranks an agent's skills of one category by the Wilson lower bound of their success rate (then usage, then name): the skills most likely to work. minExecutions leaves out skills used fewer times. Returns { items: [{ skill, stats }] }, at most limit (default 10).
         */
        get: operations["procedural.bestSkills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/most-used": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's most used skills
         * @description Ranks an agent's executed skills (optionally of one category) by how often they were used, most first. Returns { items: [{ skill, stats }] }, at most limit (default 10).
         */
        get: operations["procedural.mostUsed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/procedural/agents/{agentId}/recently-used": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's recently used skills
         * @description Lists an agent's executed skills (optionally of one category) by their latest execution, most recent first. Returns { items: [{ skill, stats }] }, at most limit (default 10).
         */
        get: operations["procedural.recentlyUsed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-state/agents/{agentId}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an agent's snapshot versions
         * @description Pages through the infos (version, savedAt, size, checksum, metadata; no data) of an agent's snapshots, oldest first, or newest first with reverse. Use it to find a version to load.
         */
        get: operations["agentState.listSnapshots"];
        put?: never;
        /**
         * Save the agent's next state snapshot
         * @description Stores a new version of an agent's state: any JSON value (encoding "json") or bytes given as base64 (encoding "bytes"), with optional metadata. Versions count up from 1 and are never reused; a terminated agent refuses new snapshots. Returns the new version's info (version, checksum, size), not the data.
         */
        post: operations["agentState.saveSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-state/agents/{agentId}/snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Load an agent's latest (or a given) snapshot
         * @description Reads an agent's saved state: the latest version, or `version`. The checksum is verified before the data is returned. Bytes come back as base64 with encoding "bytes"; JSON as itself. NOT_FOUND when the agent has no such snapshot.
         */
        get: operations["agentState.loadSnapshot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-state/agents/{agentId}/prune": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete all but an agent's latest snapshots
         * @description Deletes an agent's older snapshots, keeping the latest `keep` versions (at least 1). Returns how many versions were deleted.
         */
        post: operations["agentState.prune"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-state/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agents
         * @description Pages through every agent that has a snapshot or a status, in id order, with its status and latest version.
         */
        get: operations["agentState.listAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent-state/agents/{agentId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an agent's lifecycle status
         * @description Reads an agent's lifecycle status (created, active, suspended, terminated), when it changed and the recent history of changes. NOT_FOUND when the agent never had a status.
         */
        get: operations["agentState.getStatus"];
        /**
         * Move an agent to a lifecycle status
         * @description Changes an agent's status, with an optional reason kept in its history. A new agent starts created or active; terminated is final. An illegal move (or to the same status) is refused with FAILED_PRECONDITION. Returns the new lifecycle.
         */
        put: operations["agentState.setStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs by workflow and/or status
         * @description Pages through runs by creation time (newest first with reverse), filtered by workflowId, status or both; at least one of them is required. Use it to find runs waiting, failed or done.
         */
        get: operations["workflowState.listRuns"];
        put?: never;
        /**
         * Create a workflow run
         * @description Records a new run of a workflow, status pending, with optional input and metadata. Give runId to choose it (a taken id is FAILED_PRECONDITION); otherwise a UUID is made. Returns the run.
         */
        post: operations["workflowState.createRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow run
         * @description Reads a run: its status, times, input, output, error and durations (durationMs from first start, activeMs without pauses). NOT_FOUND when there is no such run.
         */
        get: operations["workflowState.getRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a run to a status
         * @description Moves a run to `to`, storing output or error with it (an error is required to move to failed). An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a pending run
         * @description Start a pending run (pending → running). An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused run
         * @description Resume a paused run (paused → running). An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a running run
         * @description Pause a running run (running → paused). An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run that has not ended
         * @description Cancel a run that has not ended (→ cancelled, final). An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a running run
         * @description Moves a running run to completed (final), storing its output. An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fail a running run
         * @description Moves a running run to failed (final), storing what went wrong. An illegal move for the run's current status is refused with FAILED_PRECONDITION; an unknown run is NOT_FOUND. Returns the run.
         */
        post: operations["workflowState.fail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a run's transitions
         * @description Pages through a run's status changes, oldest first: from, to, when and why. The run's audit trail.
         */
        get: operations["workflowState.listTransitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps/{stepId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start (or restart) a step of a running run
         * @description Marks a step of a running run as running, with an optional name and input; a failed step may be started again (attempt counts up). FAILED_PRECONDITION when the run is not running or the step is already running or done. Returns the step.
         */
        post: operations["workflowState.startStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps/{stepId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a running step
         * @description Marks a running step completed with its output; its durationMs is from its last start. NOT_FOUND for a step never started. Returns the step.
         */
        post: operations["workflowState.completeStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps/{stepId}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fail a running step
         * @description Marks a running step failed with what went wrong; it may be started again later. NOT_FOUND for a step never started. Returns the step.
         */
        post: operations["workflowState.failStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps/{stepId}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip a step that never started
         * @description Marks a step of a running run as skipped, with an optional reason; only for a step that never started. Returns the step.
         */
        post: operations["workflowState.skipStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps/{stepId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a step of a run
         * @description Reads one step of a run: status, attempt, times, input, output, error. NOT_FOUND when the step was never recorded.
         */
        get: operations["workflowState.getStep"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workflow-state/runs/{runId}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a run's steps
         * @description Pages through a run's steps in step id order, with their status and durations.
         */
        get: operations["workflowState.listSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List live sessions
         * @description Lists live sessions by id, one page at a time: pass `nextCursor` back as `cursor` for the next page (`limit` default 100, at most 1,000).
         */
        get: operations["sessions.list"];
        put?: never;
        /**
         * Create a session with a TTL
         * @description Creates a session holding JSON `data` that expires `ttlMs` after creation (`fixed`) or after its last touch or update (`sliding`). Returns the session; an id that is live already is refused (FAILED_PRECONDITION).
         */
        post: operations["sessions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a session
         * @description Reads a live session by id: its data, expiry mode, TTL and times. An absent or expired session is NOT_FOUND. Does not extend a sliding session.
         */
        get: operations["sessions.get"];
        put?: never;
        post?: never;
        /**
         * End a session
         * @description Removes a live session with its snapshots and artifact links. Returns `{ deleted }`: whether a live session was removed.
         */
        delete: operations["sessions.end"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/touch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend a sliding session
         * @description Marks a session as used now: a sliding session then expires `ttlMs` from now. Returns the session; an absent or expired one is NOT_FOUND.
         */
        post: operations["sessions.touch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a session's data
         * @description Replaces the JSON data of a live session (a sliding session is extended). Returns the session; an absent or expired one is NOT_FOUND.
         */
        put: operations["sessions.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove expired sessions
         * @description Removes sessions that have expired by the kernel's clock (or by `now`, which may only be earlier), with their snapshots and links. Returns `{ removed }`: how many this call removed.
         */
        post: operations["sessions.sweepExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a session's snapshots
         * @description Lists the snapshots of a session, oldest first, one page at a time.
         */
        get: operations["sessions.listSnapshots"];
        put?: never;
        /**
         * Snapshot a session's data
         * @description Saves a copy of a live session's current data, with an optional label. Returns the snapshot; its id restores it later.
         */
        post: operations["sessions.saveSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}/snapshots/{snapshotId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a snapshot
         * @description Replaces a live session's data with a snapshot's data. Returns the session; an absent session or snapshot is NOT_FOUND.
         */
        post: operations["sessions.restoreSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}/artifacts/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Link an artifact to a session
         * @description Links an artifact, named by its blake3 hash (64 lowercase hex), to a live session, with an optional label. Returns the link.
         */
        put: operations["sessions.linkArtifact"];
        post?: never;
        /**
         * Unlink an artifact from a session
         * @description Removes an artifact link. Returns `{ deleted }`: whether a link was removed.
         */
        delete: operations["sessions.unlinkArtifact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a session's artifact links
         * @description Lists the artifact links of a session by hash, one page at a time.
         */
        get: operations["sessions.listArtifacts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List artifacts
         * @description Pages through artifacts oldest first, optionally of one kind, one MIME type, or created since a time. Returns their metadata, not their content.
         */
        get: operations["artifacts.list"];
        put?: never;
        /**
         * Upload an artifact (raw bytes in the body)
         * @description Stores a blob sent as the raw request body (application/octet-stream, streamed), with its kind, MIME type (default: the request's Content-Type), optional name, metadata (JSON text in the query string) and compression. Identical content is stored once per tenant. Returns { artifactId, hash, size, deduplicated }.
         */
        post: operations["artifacts.put"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/items/base64": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a small artifact as base64 JSON
         * @description Stores a blob of at most 1 MiB given as base64 in JSON (for tool calls; larger content goes through artifacts.put as raw bytes), with its kind, MIME type (default application/octet-stream), optional name, metadata and compression. Identical content is stored once per tenant. Returns { artifactId, hash, size, deduplicated }.
         */
        post: operations["artifacts.putBase64"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/items/{artifactId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an artifact's content (raw bytes)
         * @description Streams an artifact's content as raw bytes with its MIME type and length; every chunk is verified against its hash before it is sent. NOT_FOUND for an unknown id.
         */
        get: operations["artifacts.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/items/{artifactId}/base64": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a small artifact as base64 JSON
         * @description Reads an artifact of at most 1 MiB with its metadata and its content as base64 in JSON (for tool calls; larger ones are VALUE_TOO_LARGE: use artifacts.get for raw bytes). The content is verified against its hash. NOT_FOUND for an unknown id.
         */
        get: operations["artifacts.getBase64"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/items/{artifactId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an artifact's metadata
         * @description Reads what is known about an artifact without its content: hash, size, MIME type, kind, name, metadata, creation time. NOT_FOUND for an unknown id.
         */
        get: operations["artifacts.stat"];
        put?: never;
        post?: never;
        /**
         * Delete an artifact
         * @description Deletes an artifact; its content goes when no other artifact references it. Returns whether it existed.
         */
        delete: operations["artifacts.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/contents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List stored contents with reference counts
         * @description Pages through the distinct contents stored, in hash order, with their size, bytes stored (after compression) and how many artifacts reference each.
         */
        get: operations["artifacts.listContents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/contents/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether a content hash is stored
         * @description Returns { exists }: whether content with this blake3 hash is stored for the tenant. Use it to skip uploading what is already there.
         */
        get: operations["artifacts.hasContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/gc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reclaim unreferenced contents and abandoned uploads
         * @description An operator's sweep: removes contents no artifact references and uploads abandoned for over an hour, and corrects reference counts. Returns how many contents, chunks, bytes, uploads and references it removed or corrected.
         */
        post: operations["artifacts.gc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/artifacts/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Artifact counts and deduplication ratio
         * @description Returns { artifacts, logicalBytes, storedBytes, dedupRatio } for the tenant. Reads every record: for occasional use.
         */
        get: operations["artifacts.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-log/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read events by time, type and correlation id
         * @description Pages through events in log order (newest first with reverse) within a [from, to) window, filtered by type and/or correlation id. Use it to replay what happened in a request or a time range.
         */
        get: operations["eventLog.query"];
        put?: never;
        /**
         * Append an event
         * @description Appends one event to the log: a type, any JSON data, an optional correlation id and timestamp (default now). Events are never changed afterwards. Returns the event with its sequence number.
         */
        post: operations["eventLog.append"];
        /**
         * Retention: drop every month before a time's month
         * @description Deletes every event of each whole UTC month before the month of `before`. An operator's retention call. Returns the months dropped (YYYY-MM) and how many events went.
         */
        delete: operations["eventLog.deleteMonthsBefore"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-log/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append up to 1,000 events atomically
         * @description Appends up to 1,000 events (at most 64 MiB encoded) in one atomic write: all or none; one bad event refuses the batch. Returns { items } with the events in the order given, with their sequence numbers.
         */
        post: operations["eventLog.appendBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-log/tail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow new events as Server-Sent Events
         * @description Streams events appended after the call, optionally of one type or correlation id, as Server-Sent Events (each data one event as JSON, id its seq). Also polls every pollIntervalMs (default 1,000) for other processes' appends. Ends when the client disconnects, or with a TAIL_OVERFLOW error when the reader falls bufferLimit events behind.
         */
        get: operations["eventLog.tail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hook-history/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find hook executions
         * @description Pages through recorded executions ordered by start time (newest first with reverse), filtered by hook, outcome (success or error) and a [from, to) window. Use it to see what a hook did, or which runs failed.
         */
        get: operations["hookHistory.query"];
        put?: never;
        /**
         * Record one hook execution
         * @description Appends what a hook did to the history: its id and type, input, output or error, start time and duration, and an optional correlation id. Each record is chained to the previous one by hash, so later tampering shows in verify. Returns the stored record with seq, id and hash.
         */
        post: operations["hookHistory.record"];
        /**
         * Retention: delete executions recorded before a time
         * @description Deletes every execution recorded before `before` (on recordedAt), oldest first, leaving an anchor so the rest of the chain still verifies. An operator's retention call. Returns how many were deleted and the new anchor.
         */
        delete: operations["hookHistory.deleteBefore"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hook-history/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-hook counts, error rates and latency percentiles
         * @description Summarises executions per hook within a [from, to) window: count, errors, error rate and exact p50/p95/p99 durations, one item per hook in id order (at most 100 hooks a page). Use it to find slow or failing hooks.
         */
        get: operations["hookHistory.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hook-history/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the hash chain for tampering
         * @description Walks the whole hash chain and reports whether every record is as written: { ok: true, checked, headSeq, headHash } or { ok: false, firstBadSeq, reason: changed | removed | reordered | unlinked, message }. Costs one read of every record kept.
         */
        get: operations["hookHistory.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; `code` is the StorageError code (the contract). */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            code: "INVALID_ARGUMENT" | "INVALID_KEY" | "INVALID_VALUE" | "VALUE_TOO_LARGE" | "NOT_FOUND" | "CONFLICT" | "FAILED_PRECONDITION" | "PERMISSION_DENIED" | "CORRUPTED" | "UNAVAILABLE" | "CLOSED" | "UNAUTHENTICATED" | "FORBIDDEN" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "UNSUPPORTED_MEDIA_TYPE" | "INTERNAL";
            retryable: boolean;
            requestId: string;
            details?: Record<string, never>;
        };
        Session: {
            id: string;
            /** @description Any JSON value. */
            data: unknown;
            /** @enum {string} */
            expiry: "fixed" | "sliding";
            ttlMs: number | ("Infinity" | "-Infinity" | "NaN");
            createdAt: number | ("Infinity" | "-Infinity" | "NaN");
            updatedAt: number | ("Infinity" | "-Infinity" | "NaN");
            expiresAt: number | ("Infinity" | "-Infinity" | "NaN");
        };
        SessionSnapshot: {
            id: string;
            sessionId: string;
            createdAt: number | ("Infinity" | "-Infinity" | "NaN");
            label?: string;
            /** @description Any JSON value. */
            data: unknown;
        };
        SessionArtifactLink: {
            hash: string;
            linkedAt: number | ("Infinity" | "-Infinity" | "NaN");
            label?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "vectorEmbeddings.listCollections": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List vector collections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The collection's name. */
                            name: string;
                            /** @description Numbers per vector. */
                            dimension: number;
                            /**
                             * @description cosine similarity or inner product (higher is better), or l2 distance (lower).
                             * @enum {string}
                             */
                            metric: "cosine" | "l2" | "ip";
                            /** @description HNSW links per node. */
                            M: number;
                            /** @description HNSW build breadth. */
                            efConstruction: number;
                            /** @description When the collection was created. Epoch milliseconds (UTC). */
                            createdAt: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.createCollection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The collection's name. */
                    name: string;
                    /** @description Numbers per vector, e.g. 384, 768, 1536, 3072. */
                    dimension: number;
                    /**
                     * @description cosine similarity or inner product (higher is better), or l2 distance (lower).
                     * @enum {string}
                     */
                    metric: "cosine" | "l2" | "ip";
                    /** @description HNSW links per node (default 16). */
                    M?: number;
                    /** @description HNSW build breadth (default 128). */
                    efConstruction?: number;
                };
            };
        };
        responses: {
            /** @description Create (or open) a vector collection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The collection's name. */
                        name: string;
                        /** @description Numbers per vector. */
                        dimension: number;
                        /**
                         * @description cosine similarity or inner product (higher is better), or l2 distance (lower).
                         * @enum {string}
                         */
                        metric: "cosine" | "l2" | "ip";
                        /** @description HNSW links per node. */
                        M: number;
                        /** @description HNSW build breadth. */
                        efConstruction: number;
                        /** @description When the collection was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.getCollection": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a collection's settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The collection's name. */
                        name: string;
                        /** @description Numbers per vector. */
                        dimension: number;
                        /**
                         * @description cosine similarity or inner product (higher is better), or l2 distance (lower).
                         * @enum {string}
                         */
                        metric: "cosine" | "l2" | "ip";
                        /** @description HNSW links per node. */
                        M: number;
                        /** @description HNSW build breadth. */
                        efConstruction: number;
                        /** @description When the collection was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.dropCollection": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Drop a collection and its vectors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a vector by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The vector's id, unique in its collection. */
                        id: string;
                        vector: number[];
                        metadata: Record<string, never> | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.upsert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Exactly the collection's dimension of finite numbers. */
                    vector: number[];
                    metadata?: Record<string, never> | null;
                };
            };
        };
        responses: {
            /** @description Store or replace one vector */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a vector */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.list": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a collection's vector ids */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The vector's id, unique in its collection. */
                            id: string;
                            metadata: Record<string, never> | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.upsertMany": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        /** @description The vector's id, unique in its collection. */
                        id: string;
                        /** @description Exactly the collection's dimension of finite numbers. */
                        vector: number[];
                        metadata?: Record<string, never> | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Store or replace up to 10,000 vectors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        count: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.count": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Count a collection's vectors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        count: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.search": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Exactly the collection's dimension of finite numbers. */
                    vector: number[];
                    /** @description How many results at most. */
                    k: number;
                    /** @description Top-level metadata fields that must all match: each equal to a scalar ({ "lang": "en" }) or one of a list ({ "lang": { "in": ["en", "fr"] } }). */
                    filter?: {
                        [key: string]: string | number | boolean | null | {
                            in: (string | number | boolean | null)[];
                        };
                    };
                    /** @description HNSW search breadth (default: calibrated). */
                    ef?: number;
                    exact?: boolean;
                    /** @description The recall the search aims at, in (0, 1]. */
                    targetRecall?: number;
                    /** @enum {string} */
                    consistency?: "latest" | "local";
                };
            };
        };
        responses: {
            /** @description Nearest vectors to a query vector */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The vector's id, unique in its collection. */
                            id: string;
                            score: number;
                            metadata: Record<string, never> | null;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.calibrate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description Measure recall against ef and pick the default ef */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        calibration: {
                            /** @description A count. */
                            count: number;
                            /** @description The ef searches use by default. */
                            defaultEf: number;
                            /** @description The recall aimed at. */
                            target: number;
                            points: {
                                /** @description ef. */
                                ef: number;
                                /** @description Recall. */
                                recall: number;
                            }[];
                            /** @description When it was measured. Epoch milliseconds (UTC). */
                            at: number;
                        } | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.compact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    force?: boolean;
                };
            };
        };
        responses: {
            /** @description Rebuild the index without deleted slots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rebuilt: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Persist the collection's index now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        written: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "vectorEmbeddings.deletedFraction": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Share of deleted slots in the index */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Deleted slots / nodes. */
                        fraction: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.append": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The conversation (session) the turn belongs to. */
                    sessionId: string;
                    /** @enum {string} */
                    role: "user" | "assistant" | "system" | "tool";
                    /** @description What was said (at most 1 MiB of UTF-8). */
                    content: string;
                    /** @description Free JSON about the turn (at most 64 KiB). */
                    metadata?: Record<string, never>;
                    /** @description The id of this turn's embedding in a vector store. */
                    embeddingRef?: string;
                    /** @description When it was said; default: now. Epoch milliseconds (UTC). */
                    timestamp?: number;
                };
            };
        };
        responses: {
            /** @description Append a conversation turn */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A turn's id, as append returned it. */
                        id: string;
                        /** @description The conversation (session) the turn belongs to. */
                        sessionId: string;
                        /** @enum {string} */
                        role: "user" | "assistant" | "system" | "tool";
                        /** @description What was said (at most 1 MiB of UTF-8). */
                        content: string;
                        /** @description Free JSON about the turn (at most 64 KiB). */
                        metadata?: Record<string, never>;
                        /** @description The id of this turn's embedding in a vector store. */
                        embeddingRef?: string;
                        /** @description When it was said. Epoch milliseconds (UTC). */
                        timestamp: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.deleteOlderThan": {
        parameters: {
            query: {
                before: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retention: delete turns older than a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many were deleted. */
                        deleted: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.appendBatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    turns: {
                        /** @description The conversation (session) the turn belongs to. */
                        sessionId: string;
                        /** @enum {string} */
                        role: "user" | "assistant" | "system" | "tool";
                        /** @description What was said (at most 1 MiB of UTF-8). */
                        content: string;
                        /** @description Free JSON about the turn (at most 64 KiB). */
                        metadata?: Record<string, never>;
                        /** @description The id of this turn's embedding in a vector store. */
                        embeddingRef?: string;
                        /** @description When it was said; default: now. Epoch milliseconds (UTC). */
                        timestamp?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Append up to 500 turns atomically */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description A turn's id, as append returned it. */
                            id: string;
                            /** @description The conversation (session) the turn belongs to. */
                            sessionId: string;
                            /** @enum {string} */
                            role: "user" | "assistant" | "system" | "tool";
                            /** @description What was said (at most 1 MiB of UTF-8). */
                            content: string;
                            /** @description Free JSON about the turn (at most 64 KiB). */
                            metadata?: Record<string, never>;
                            /** @description The id of this turn's embedding in a vector store. */
                            embeddingRef?: string;
                            /** @description When it was said. Epoch milliseconds (UTC). */
                            timestamp: number;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a turn by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A turn's id, as append returned it. */
                        id: string;
                        /** @description The conversation (session) the turn belongs to. */
                        sessionId: string;
                        /** @enum {string} */
                        role: "user" | "assistant" | "system" | "tool";
                        /** @description What was said (at most 1 MiB of UTF-8). */
                        content: string;
                        /** @description Free JSON about the turn (at most 64 KiB). */
                        metadata?: Record<string, never>;
                        /** @description The id of this turn's embedding in a vector store. */
                        embeddingRef?: string;
                        /** @description When it was said. Epoch milliseconds (UTC). */
                        timestamp: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a turn */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.list": {
        parameters: {
            query?: {
                order?: "asc" | "desc";
                from?: number;
                to?: number;
                roles?: ("user" | "assistant" | "system" | "tool")[];
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Read a session's turns in time order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description A turn's id, as append returned it. */
                            id: string;
                            /** @description The conversation (session) the turn belongs to. */
                            sessionId: string;
                            /** @enum {string} */
                            role: "user" | "assistant" | "system" | "tool";
                            /** @description What was said (at most 1 MiB of UTF-8). */
                            content: string;
                            /** @description Free JSON about the turn (at most 64 KiB). */
                            metadata?: Record<string, never>;
                            /** @description The id of this turn's embedding in a vector store. */
                            embeddingRef?: string;
                            /** @description When it was said. Epoch milliseconds (UTC). */
                            timestamp: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.recent": {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The last turns of a session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description A turn's id, as append returned it. */
                            id: string;
                            /** @description The conversation (session) the turn belongs to. */
                            sessionId: string;
                            /** @enum {string} */
                            role: "user" | "assistant" | "system" | "tool";
                            /** @description What was said (at most 1 MiB of UTF-8). */
                            content: string;
                            /** @description Free JSON about the turn (at most 64 KiB). */
                            metadata?: Record<string, never>;
                            /** @description The id of this turn's embedding in a vector store. */
                            embeddingRef?: string;
                            /** @description When it was said. Epoch milliseconds (UTC). */
                            timestamp: number;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.count": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Count a session's turns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        count: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.listSessions": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List sessions with turns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The conversation (session) the turn belongs to. */
                            sessionId: string;
                            /** @description A count. */
                            turns: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Words to look for. */
                    query: string;
                    /** @description The conversation (session) the turn belongs to. */
                    sessionId?: string;
                    /** @description Only turns at or after this time. Epoch milliseconds (UTC). */
                    from?: number;
                    /** @description Only turns before this time. Epoch milliseconds (UTC). */
                    to?: number;
                    /** @description How many items at most this page holds (1..1000, default 10). */
                    limit?: number;
                };
            };
        };
        responses: {
            /** @description Full-text search over turns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            turn: {
                                /** @description A turn's id, as append returned it. */
                                id: string;
                                /** @description The conversation (session) the turn belongs to. */
                                sessionId: string;
                                /** @enum {string} */
                                role: "user" | "assistant" | "system" | "tool";
                                /** @description What was said (at most 1 MiB of UTF-8). */
                                content: string;
                                /** @description Free JSON about the turn (at most 64 KiB). */
                                metadata?: Record<string, never>;
                                /** @description The id of this turn's embedding in a vector store. */
                                embeddingRef?: string;
                                /** @description When it was said. Epoch milliseconds (UTC). */
                                timestamp: number;
                            };
                            score: number;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.deleteSession": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a session's turns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many were deleted. */
                        deleted: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "episodic.stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search corpus statistics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        documents: number;
                        /** @description A count. */
                        totalLength: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.listEntities": {
        parameters: {
            query: {
                type: string;
                validAt?: number;
                knownAt?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List entities of a type as of a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description The entity's display name (at most 4,096 characters). */
                            name: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.assertEntity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The fact's id. */
                    id?: string;
                    /** @description The fact's type, e.g. person or works_at. */
                    type: string;
                    /** @description The entity's display name (at most 4,096 characters). */
                    name: string;
                    /** @description Free JSON properties of the fact. */
                    properties?: Record<string, never>;
                    /** @description From when the fact is true; default now. Epoch milliseconds (UTC). */
                    validFrom?: number;
                    /** @description Until when it is true; null: open (until further notice). */
                    validTo?: number | null;
                };
            };
        };
        responses: {
            /** @description Assert an entity (true from a time on) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description The entity's display name (at most 4,096 characters). */
                        name: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.listRelationships": {
        parameters: {
            query: {
                type: string;
                validAt?: number;
                knownAt?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List relationships of a type as of a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The entity id the relationship leaves. */
                            from: string;
                            /** @description The entity id the relationship reaches. */
                            to: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.assertRelationship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The fact's id. */
                    id?: string;
                    /** @description The entity id the relationship leaves. */
                    from: string;
                    /** @description The entity id the relationship reaches. */
                    to: string;
                    /** @description The fact's type, e.g. person or works_at. */
                    type: string;
                    /** @description Free JSON properties of the fact. */
                    properties?: Record<string, never>;
                    /** @description From when the fact is true; default now. Epoch milliseconds (UTC). */
                    validFrom?: number;
                    /** @description Until when it is true; null: open (until further notice). */
                    validTo?: number | null;
                };
            };
        };
        responses: {
            /** @description Assert a relationship between two entities */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The entity id the relationship leaves. */
                        from: string;
                        /** @description The entity id the relationship reaches. */
                        to: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.correctEntity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The fact's type, e.g. person or works_at. */
                    type: string;
                    /** @description The entity's display name (at most 4,096 characters). */
                    name: string;
                    /** @description Free JSON properties of the fact. */
                    properties?: Record<string, never>;
                    /** @description The start of the past interval being corrected. Epoch milliseconds (UTC). */
                    validFrom: number;
                    /** @description Its end; null: open (until further notice). */
                    validTo?: number | null;
                };
            };
        };
        responses: {
            /** @description Correct what was believed about an entity in a past interval */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description The entity's display name (at most 4,096 characters). */
                        name: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.correctRelationship": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The entity id the relationship leaves. */
                    from: string;
                    /** @description The entity id the relationship reaches. */
                    to: string;
                    /** @description The fact's type, e.g. person or works_at. */
                    type: string;
                    /** @description Free JSON properties of the fact. */
                    properties?: Record<string, never>;
                    /** @description The start of the past interval being corrected. Epoch milliseconds (UTC). */
                    validFrom: number;
                    /** @description Its end; null: open (until further notice). */
                    validTo?: number | null;
                };
            };
        };
        responses: {
            /** @description Correct what was believed about a relationship in a past interval */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The entity id the relationship leaves. */
                        from: string;
                        /** @description The entity id the relationship reaches. */
                        to: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.endEntity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description When the fact stops being true; default now. Epoch milliseconds (UTC). */
                    at?: number;
                    /** @description When it is true again (as believed before); null: open (until further notice). */
                    until?: number | null;
                };
            };
        };
        responses: {
            /** @description End an entity in valid time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.endRelationship": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description When the fact stops being true; default now. Epoch milliseconds (UTC). */
                    at?: number;
                    /** @description When it is true again (as believed before); null: open (until further notice). */
                    until?: number | null;
                };
            };
        };
        responses: {
            /** @description End a relationship in valid time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.getEntity": {
        parameters: {
            query?: {
                validAt?: number;
                knownAt?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get an entity as of a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description The entity's display name (at most 4,096 characters). */
                        name: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.deleteEntity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retract an entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.getRelationship": {
        parameters: {
            query?: {
                validAt?: number;
                knownAt?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a relationship as of a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The fact's id. */
                        id: string;
                        /** @description The entity id the relationship leaves. */
                        from: string;
                        /** @description The entity id the relationship reaches. */
                        to: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description Free JSON properties of the fact. */
                        properties: Record<string, never>;
                        /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                        validFrom: number;
                        /** @description When it stopped being true; null: open (until further notice). */
                        validTo: number | null;
                        /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                        txFrom: number;
                        /** @description When the store stopped believing it; null: open (until further notice). */
                        txTo: number | null;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.deleteRelationship": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retract a relationship */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.importFacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    entities?: {
                        /** @description The fact's id. */
                        id?: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description The entity's display name (at most 4,096 characters). */
                        name: string;
                        /** @description Free JSON properties of the fact. */
                        properties?: Record<string, never>;
                    }[];
                    relationships?: {
                        /** @description The fact's id. */
                        id?: string;
                        /** @description The entity id the relationship leaves. */
                        from: string;
                        /** @description The entity id the relationship reaches. */
                        to: string;
                        /** @description The fact's type, e.g. person or works_at. */
                        type: string;
                        /** @description Free JSON properties of the fact. */
                        properties?: Record<string, never>;
                    }[];
                    /** @description From when every fact is true; default now. Epoch milliseconds (UTC). */
                    validFrom?: number;
                };
            };
        };
        responses: {
            /** @description Bulk-load new entities and relationships */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Entities loaded. */
                        entities: number;
                        /** @description Relationships loaded. */
                        relationships: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.outgoing": {
        parameters: {
            query?: {
                type?: string;
                validAt?: number;
                knownAt?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Relationships leaving an entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The entity id the relationship leaves. */
                            from: string;
                            /** @description The entity id the relationship reaches. */
                            to: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.incoming": {
        parameters: {
            query?: {
                type?: string;
                validAt?: number;
                knownAt?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Relationships reaching an entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The entity id the relationship leaves. */
                            from: string;
                            /** @description The entity id the relationship reaches. */
                            to: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.traverse": {
        parameters: {
            query: {
                depth: number;
                relationshipTypes?: string[];
                direction?: "out" | "in" | "both";
                maxNodes?: number;
                validAt?: number;
                knownAt?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Walk the graph from an entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        nodes: {
                            entity: {
                                /** @description The fact's id. */
                                id: string;
                                /** @description The fact's type, e.g. person or works_at. */
                                type: string;
                                /** @description The entity's display name (at most 4,096 characters). */
                                name: string;
                                /** @description Free JSON properties of the fact. */
                                properties: Record<string, never>;
                                /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                                validFrom: number;
                                /** @description When it stopped being true; null: open (until further notice). */
                                validTo: number | null;
                                /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                                txFrom: number;
                                /** @description When the store stopped believing it; null: open (until further notice). */
                                txTo: number | null;
                            };
                            /** @description Hops. */
                            depth: number;
                        }[];
                        edges: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The entity id the relationship leaves. */
                            from: string;
                            /** @description The entity id the relationship reaches. */
                            to: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        truncated: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.entityHistory": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every version of an entity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description The entity's display name (at most 4,096 characters). */
                            name: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "graph.relationshipHistory": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every version of a relationship */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The fact's id. */
                            id: string;
                            /** @description The entity id the relationship leaves. */
                            from: string;
                            /** @description The entity id the relationship reaches. */
                            to: string;
                            /** @description The fact's type, e.g. person or works_at. */
                            type: string;
                            /** @description Free JSON properties of the fact. */
                            properties: Record<string, never>;
                            /** @description When the fact became true in the world. Epoch milliseconds (UTC). */
                            validFrom: number;
                            /** @description When it stopped being true; null: open (until further notice). */
                            validTo: number | null;
                            /** @description When the store came to believe this version. Epoch milliseconds (UTC). */
                            txFrom: number;
                            /** @description When the store stopped believing it; null: open (until further notice). */
                            txTo: number | null;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.getSkill": {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a skill (its current or a given version) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent whose skills these are. */
                        agentId: string;
                        /** @description The skill's name, unique per agent. */
                        name: string;
                        /** @description The skill's category, e.g. research. */
                        category: string;
                        description?: string;
                        content?: string;
                        steps?: string[];
                        /** @description Free JSON about the skill. */
                        metadata?: Record<string, never>;
                        /** @description A skill version (1 is the first saved). */
                        version: number;
                        /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When this version was saved. Epoch milliseconds (UTC). */
                        updatedAt: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.saveSkill": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The skill's category, e.g. research. */
                    category: string;
                    /** @description What the skill is for. */
                    description?: string;
                    /** @description Free JSON about the skill. */
                    metadata?: Record<string, never>;
                    /** @description The skill as text (instructions, a prompt, code). */
                    content?: string;
                    steps?: string[];
                };
            };
        };
        responses: {
            /** @description Save a skill (a new version when it changed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent whose skills these are. */
                        agentId: string;
                        /** @description The skill's name, unique per agent. */
                        name: string;
                        /** @description The skill's category, e.g. research. */
                        category: string;
                        description?: string;
                        content?: string;
                        steps?: string[];
                        /** @description Free JSON about the skill. */
                        metadata?: Record<string, never>;
                        /** @description A skill version (1 is the first saved). */
                        version: number;
                        /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When this version was saved. Epoch milliseconds (UTC). */
                        updatedAt: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.deleteSkill": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete a skill */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.listSkills": {
        parameters: {
            query?: {
                category?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List an agent's skills */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The agent whose skills these are. */
                            agentId: string;
                            /** @description The skill's name, unique per agent. */
                            name: string;
                            /** @description The skill's category, e.g. research. */
                            category: string;
                            description?: string;
                            content?: string;
                            steps?: string[];
                            /** @description Free JSON about the skill. */
                            metadata?: Record<string, never>;
                            /** @description A skill version (1 is the first saved). */
                            version: number;
                            /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                            createdAt: number;
                            /** @description When this version was saved. Epoch milliseconds (UTC). */
                            updatedAt: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.listVersions": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a skill's versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The agent whose skills these are. */
                            agentId: string;
                            /** @description The skill's name, unique per agent. */
                            name: string;
                            /** @description The skill's category, e.g. research. */
                            category: string;
                            description?: string;
                            content?: string;
                            steps?: string[];
                            /** @description Free JSON about the skill. */
                            metadata?: Record<string, never>;
                            /** @description A skill version (1 is the first saved). */
                            version: number;
                            /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                            createdAt: number;
                            /** @description When this version was saved. Epoch milliseconds (UTC). */
                            updatedAt: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.listAgents": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List agents that hold skills */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The agent whose skills these are. */
                            agentId: string;
                            /** @description A count. */
                            skillCount: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.recordExecution": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    success: boolean;
                    /** @description How long it took, ms (at most 86,400,000). */
                    durationMs: number;
                    /** @description What went wrong (at most 16 KiB). */
                    error?: string;
                };
            };
        };
        responses: {
            /** @description Count one use of a skill */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.getStats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a skill's success statistics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        successCount: number;
                        /** @description A count. */
                        failureCount: number;
                        /** @description A count. */
                        usageCount: number;
                        /** @description Sum of all execution durations, ms. */
                        totalDurationMs: number;
                        /** @description Mean execution duration, ms. */
                        meanDurationMs: number;
                        /** @description The latest execution. Epoch milliseconds (UTC). */
                        lastUsedAt?: number;
                        /** @description The latest success. Epoch milliseconds (UTC). */
                        lastSuccessAt?: number;
                        /** @description The latest failure. Epoch milliseconds (UTC). */
                        lastFailureAt?: number;
                        lastError?: string;
                        /** @description successCount / usageCount (0 before any execution). */
                        successRate: number;
                        /** @description Lower bound of the Wilson interval of the success rate. */
                        wilsonScore: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.bestSkills": {
        parameters: {
            query?: {
                limit?: number;
                minExecutions?: number;
            };
            header?: never;
            path: {
                agentId: string;
                category: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The most reliable skills of a category */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            skill: {
                                /** @description The agent whose skills these are. */
                                agentId: string;
                                /** @description The skill's name, unique per agent. */
                                name: string;
                                /** @description The skill's category, e.g. research. */
                                category: string;
                                description?: string;
                                content?: string;
                                steps?: string[];
                                /** @description Free JSON about the skill. */
                                metadata?: Record<string, never>;
                                /** @description A skill version (1 is the first saved). */
                                version: number;
                                /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                                createdAt: number;
                                /** @description When this version was saved. Epoch milliseconds (UTC). */
                                updatedAt: number;
                            };
                            stats: {
                                /** @description A count. */
                                successCount: number;
                                /** @description A count. */
                                failureCount: number;
                                /** @description A count. */
                                usageCount: number;
                                /** @description Sum of all execution durations, ms. */
                                totalDurationMs: number;
                                /** @description Mean execution duration, ms. */
                                meanDurationMs: number;
                                /** @description The latest execution. Epoch milliseconds (UTC). */
                                lastUsedAt?: number;
                                /** @description The latest success. Epoch milliseconds (UTC). */
                                lastSuccessAt?: number;
                                /** @description The latest failure. Epoch milliseconds (UTC). */
                                lastFailureAt?: number;
                                lastError?: string;
                                /** @description successCount / usageCount (0 before any execution). */
                                successRate: number;
                                /** @description Lower bound of the Wilson interval of the success rate. */
                                wilsonScore: number;
                            };
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.mostUsed": {
        parameters: {
            query?: {
                category?: string;
                limit?: number;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An agent's most used skills */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            skill: {
                                /** @description The agent whose skills these are. */
                                agentId: string;
                                /** @description The skill's name, unique per agent. */
                                name: string;
                                /** @description The skill's category, e.g. research. */
                                category: string;
                                description?: string;
                                content?: string;
                                steps?: string[];
                                /** @description Free JSON about the skill. */
                                metadata?: Record<string, never>;
                                /** @description A skill version (1 is the first saved). */
                                version: number;
                                /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                                createdAt: number;
                                /** @description When this version was saved. Epoch milliseconds (UTC). */
                                updatedAt: number;
                            };
                            stats: {
                                /** @description A count. */
                                successCount: number;
                                /** @description A count. */
                                failureCount: number;
                                /** @description A count. */
                                usageCount: number;
                                /** @description Sum of all execution durations, ms. */
                                totalDurationMs: number;
                                /** @description Mean execution duration, ms. */
                                meanDurationMs: number;
                                /** @description The latest execution. Epoch milliseconds (UTC). */
                                lastUsedAt?: number;
                                /** @description The latest success. Epoch milliseconds (UTC). */
                                lastSuccessAt?: number;
                                /** @description The latest failure. Epoch milliseconds (UTC). */
                                lastFailureAt?: number;
                                lastError?: string;
                                /** @description successCount / usageCount (0 before any execution). */
                                successRate: number;
                                /** @description Lower bound of the Wilson interval of the success rate. */
                                wilsonScore: number;
                            };
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "procedural.recentlyUsed": {
        parameters: {
            query?: {
                category?: string;
                limit?: number;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An agent's recently used skills */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            skill: {
                                /** @description The agent whose skills these are. */
                                agentId: string;
                                /** @description The skill's name, unique per agent. */
                                name: string;
                                /** @description The skill's category, e.g. research. */
                                category: string;
                                description?: string;
                                content?: string;
                                steps?: string[];
                                /** @description Free JSON about the skill. */
                                metadata?: Record<string, never>;
                                /** @description A skill version (1 is the first saved). */
                                version: number;
                                /** @description When the skill was first saved. Epoch milliseconds (UTC). */
                                createdAt: number;
                                /** @description When this version was saved. Epoch milliseconds (UTC). */
                                updatedAt: number;
                            };
                            stats: {
                                /** @description A count. */
                                successCount: number;
                                /** @description A count. */
                                failureCount: number;
                                /** @description A count. */
                                usageCount: number;
                                /** @description Sum of all execution durations, ms. */
                                totalDurationMs: number;
                                /** @description Mean execution duration, ms. */
                                meanDurationMs: number;
                                /** @description The latest execution. Epoch milliseconds (UTC). */
                                lastUsedAt?: number;
                                /** @description The latest success. Epoch milliseconds (UTC). */
                                lastSuccessAt?: number;
                                /** @description The latest failure. Epoch milliseconds (UTC). */
                                lastFailureAt?: number;
                                lastError?: string;
                                /** @description successCount / usageCount (0 before any execution). */
                                successRate: number;
                                /** @description Lower bound of the Wilson interval of the success rate. */
                                wilsonScore: number;
                            };
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.listSnapshots": {
        parameters: {
            query?: {
                reverse?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List an agent's snapshot versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The agent's id. */
                            agentId: string;
                            /** @description A snapshot version (1 is the first saved). */
                            version: number;
                            /** @description When it was saved. Epoch milliseconds (UTC). */
                            savedAt: number;
                            /** @description Payload size in bytes. */
                            size: number;
                            /** @description blake3 hex of the payload bytes. */
                            checksum: string;
                            /** @description Free JSON about the snapshot (at most 64 KiB), returned with it. */
                            metadata?: Record<string, never>;
                            /** @enum {string} */
                            encoding: "json" | "bytes";
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.saveSnapshot": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description How to read data: "json" (default) stores it as JSON; "bytes": data is base64 of the bytes to store.
                     * @enum {string}
                     */
                    encoding?: "json" | "bytes";
                    /** @description The state: any JSON value, or with encoding "bytes" a standard base64 string. */
                    data: unknown;
                    /** @description Free JSON about the snapshot (at most 64 KiB), returned with it. */
                    metadata?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Save the agent's next state snapshot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent's id. */
                        agentId: string;
                        /** @description A snapshot version (1 is the first saved). */
                        version: number;
                        /** @description When it was saved. Epoch milliseconds (UTC). */
                        savedAt: number;
                        /** @description Payload size in bytes. */
                        size: number;
                        /** @description blake3 hex of the payload bytes. */
                        checksum: string;
                        /** @description Free JSON about the snapshot (at most 64 KiB), returned with it. */
                        metadata?: Record<string, never>;
                        /** @enum {string} */
                        encoding: "json" | "bytes";
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.loadSnapshot": {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Load an agent's latest (or a given) snapshot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent's id. */
                        agentId: string;
                        /** @description A snapshot version (1 is the first saved). */
                        version: number;
                        /** @description When it was saved. Epoch milliseconds (UTC). */
                        savedAt: number;
                        /** @description Payload size in bytes. */
                        size: number;
                        /** @description blake3 hex of the payload bytes. */
                        checksum: string;
                        /** @description Free JSON about the snapshot (at most 64 KiB), returned with it. */
                        metadata?: Record<string, never>;
                        /** @enum {string} */
                        encoding: "json";
                        /** @description The saved JSON value. */
                        data: unknown;
                    } | {
                        /** @description The agent's id. */
                        agentId: string;
                        /** @description A snapshot version (1 is the first saved). */
                        version: number;
                        /** @description When it was saved. Epoch milliseconds (UTC). */
                        savedAt: number;
                        /** @description Payload size in bytes. */
                        size: number;
                        /** @description blake3 hex of the payload bytes. */
                        checksum: string;
                        /** @description Free JSON about the snapshot (at most 64 KiB), returned with it. */
                        metadata?: Record<string, never>;
                        /** @enum {string} */
                        encoding: "bytes";
                        /** @description The saved bytes, standard base64. */
                        data: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.prune": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How many latest versions to keep. */
                    keep: number;
                };
            };
        };
        responses: {
            /** @description Delete all but an agent's latest snapshots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How many were deleted. */
                        deleted: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.listAgents": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List agents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The agent's id. */
                            agentId: string;
                            /** @description When the agent was first saved or given a status. Epoch milliseconds (UTC). */
                            createdAt: number;
                            /**
                             * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                             * @enum {string}
                             */
                            status?: "created" | "active" | "suspended" | "terminated";
                            /** @description The latest version saved; 0 when none. */
                            lastVersion: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.getStatus": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get an agent's lifecycle status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent's id. */
                        agentId: string;
                        /**
                         * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                         * @enum {string}
                         */
                        status: "created" | "active" | "suspended" | "terminated";
                        /** @description When the current status was set. Epoch milliseconds (UTC). */
                        changedAt: number;
                        history: {
                            /**
                             * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                             * @enum {string}
                             */
                            status: "created" | "active" | "suspended" | "terminated";
                            /** @description When the agent moved to this status. Epoch milliseconds (UTC). */
                            at: number;
                            reason?: string;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "agentState.setStatus": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                     * @enum {string}
                     */
                    status: "created" | "active" | "suspended" | "terminated";
                    /** @description Why (at most 4 KiB of UTF-8), kept in the history. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Move an agent to a lifecycle status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The agent's id. */
                        agentId: string;
                        /**
                         * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                         * @enum {string}
                         */
                        status: "created" | "active" | "suspended" | "terminated";
                        /** @description When the current status was set. Epoch milliseconds (UTC). */
                        changedAt: number;
                        history: {
                            /**
                             * @description created → active | terminated; active → suspended | terminated; suspended → active | terminated; terminated is final.
                             * @enum {string}
                             */
                            status: "created" | "active" | "suspended" | "terminated";
                            /** @description When the agent moved to this status. Epoch milliseconds (UTC). */
                            at: number;
                            reason?: string;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.listRuns": {
        parameters: {
            query?: {
                workflowId?: string;
                status?: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                reverse?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List runs by workflow and/or status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The workflow this run belongs to. */
                            workflowId: string;
                            /** @description The run's id. */
                            runId: string;
                            /**
                             * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                             * @enum {string}
                             */
                            status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                            /** @description When the run was created. Epoch milliseconds (UTC). */
                            createdAt: number;
                            /** @description When the run last changed. Epoch milliseconds (UTC). */
                            updatedAt: number;
                            /** @description When it first ran. Epoch milliseconds (UTC). */
                            startedAt?: number;
                            /** @description When it reached a final status. Epoch milliseconds (UTC). */
                            endedAt?: number;
                            /** @description When the current pause began. Epoch milliseconds (UTC). */
                            pausedAt?: number;
                            /** @description Milliseconds. */
                            pausedMs: number;
                            /** @description The run's input. */
                            input?: unknown;
                            /** @description The run's output. */
                            output?: unknown;
                            error?: {
                                /** @description What went wrong. */
                                message: string;
                                /** @description A machine-readable error code. */
                                code?: string;
                                /** @description Free JSON about the error. */
                                details?: Record<string, never>;
                            };
                            /** @description Free JSON about the run. */
                            metadata?: Record<string, never>;
                            /** @description How many transitions so far. */
                            transitions: number;
                            /** @description Milliseconds. */
                            durationMs?: number;
                            /** @description Milliseconds. */
                            activeMs?: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.createRun": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The workflow this run belongs to. */
                    workflowId: string;
                    /** @description The run's id. */
                    runId?: string;
                    /** @description The run's input. */
                    input?: unknown;
                    /** @description Free JSON about the run. */
                    metadata?: Record<string, never>;
                };
            };
        };
        responses: {
            /** @description Create a workflow run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.getRun": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a workflow run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.transition": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                     * @enum {string}
                     */
                    to: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                    /** @description Stored on the run, typically with completed. */
                    output?: unknown;
                    /** @description What went wrong: a message, or { message, code?, details? }. */
                    error?: string | {
                        /** @description What went wrong. */
                        message: string;
                        /** @description A machine-readable error code. */
                        code?: string;
                        /** @description Free JSON about the error. */
                        details?: Record<string, never>;
                    };
                    /** @description Why, kept with the change (at most 4,096 characters). */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Move a run to a status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Start a pending run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Resume a paused run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why, kept with the change (at most 4,096 characters). */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Pause a running run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why, kept with the change (at most 4,096 characters). */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Cancel a run that has not ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The run's output. */
                    output?: unknown;
                };
            };
        };
        responses: {
            /** @description Complete a running run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.fail": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What went wrong: a message, or { message, code?, details? }. */
                    error: string | {
                        /** @description What went wrong. */
                        message: string;
                        /** @description A machine-readable error code. */
                        code?: string;
                        /** @description Free JSON about the error. */
                        details?: Record<string, never>;
                    };
                };
            };
        };
        responses: {
            /** @description Fail a running run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The workflow this run belongs to. */
                        workflowId: string;
                        /** @description The run's id. */
                        runId: string;
                        /**
                         * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                         * @enum {string}
                         */
                        status: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                        /** @description When the run was created. Epoch milliseconds (UTC). */
                        createdAt: number;
                        /** @description When the run last changed. Epoch milliseconds (UTC). */
                        updatedAt: number;
                        /** @description When it first ran. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it reached a final status. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description When the current pause began. Epoch milliseconds (UTC). */
                        pausedAt?: number;
                        /** @description Milliseconds. */
                        pausedMs: number;
                        /** @description The run's input. */
                        input?: unknown;
                        /** @description The run's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        /** @description Free JSON about the run. */
                        metadata?: Record<string, never>;
                        /** @description How many transitions so far. */
                        transitions: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description Milliseconds. */
                        activeMs?: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.listTransitions": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a run's transitions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description 1 for the run's first transition. */
                            n: number;
                            /**
                             * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                             * @enum {string}
                             */
                            from: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                            /**
                             * @description pending → running | cancelled; running → paused | completed | failed | cancelled; paused → running | cancelled; completed, failed, cancelled are final.
                             * @enum {string}
                             */
                            to: "pending" | "running" | "paused" | "completed" | "failed" | "cancelled";
                            /** @description When. Epoch milliseconds (UTC). */
                            at: number;
                            reason?: string;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.startStep": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description A human name for the step. */
                    name?: string;
                    /** @description The step's input. */
                    input?: unknown;
                };
            };
        };
        responses: {
            /** @description Start (or restart) a step of a running run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The run's id. */
                        runId: string;
                        /** @description The step's id, unique within its run. */
                        stepId: string;
                        name?: string;
                        /** @enum {string} */
                        status: "running" | "completed" | "failed" | "skipped";
                        /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                        attempt: number;
                        /** @description When the last attempt started. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it ended. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description The step's input. */
                        input?: unknown;
                        /** @description The step's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        reason?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.completeStep": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The step's output. */
                    output?: unknown;
                };
            };
        };
        responses: {
            /** @description Complete a running step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The run's id. */
                        runId: string;
                        /** @description The step's id, unique within its run. */
                        stepId: string;
                        name?: string;
                        /** @enum {string} */
                        status: "running" | "completed" | "failed" | "skipped";
                        /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                        attempt: number;
                        /** @description When the last attempt started. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it ended. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description The step's input. */
                        input?: unknown;
                        /** @description The step's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        reason?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.failStep": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What went wrong: a message, or { message, code?, details? }. */
                    error: string | {
                        /** @description What went wrong. */
                        message: string;
                        /** @description A machine-readable error code. */
                        code?: string;
                        /** @description Free JSON about the error. */
                        details?: Record<string, never>;
                    };
                };
            };
        };
        responses: {
            /** @description Fail a running step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The run's id. */
                        runId: string;
                        /** @description The step's id, unique within its run. */
                        stepId: string;
                        name?: string;
                        /** @enum {string} */
                        status: "running" | "completed" | "failed" | "skipped";
                        /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                        attempt: number;
                        /** @description When the last attempt started. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it ended. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description The step's input. */
                        input?: unknown;
                        /** @description The step's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        reason?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.skipStep": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why, kept with the change (at most 4,096 characters). */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Skip a step that never started */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The run's id. */
                        runId: string;
                        /** @description The step's id, unique within its run. */
                        stepId: string;
                        name?: string;
                        /** @enum {string} */
                        status: "running" | "completed" | "failed" | "skipped";
                        /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                        attempt: number;
                        /** @description When the last attempt started. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it ended. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description The step's input. */
                        input?: unknown;
                        /** @description The step's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        reason?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.getStep": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a step of a run */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The run's id. */
                        runId: string;
                        /** @description The step's id, unique within its run. */
                        stepId: string;
                        name?: string;
                        /** @enum {string} */
                        status: "running" | "completed" | "failed" | "skipped";
                        /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                        attempt: number;
                        /** @description When the last attempt started. Epoch milliseconds (UTC). */
                        startedAt?: number;
                        /** @description When it ended. Epoch milliseconds (UTC). */
                        endedAt?: number;
                        /** @description Milliseconds. */
                        durationMs?: number;
                        /** @description The step's input. */
                        input?: unknown;
                        /** @description The step's output. */
                        output?: unknown;
                        error?: {
                            /** @description What went wrong. */
                            message: string;
                            /** @description A machine-readable error code. */
                            code?: string;
                            /** @description Free JSON about the error. */
                            details?: Record<string, never>;
                        };
                        reason?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "workflowState.listSteps": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a run's steps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The run's id. */
                            runId: string;
                            /** @description The step's id, unique within its run. */
                            stepId: string;
                            name?: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed" | "skipped";
                            /** @description 1 for the first start, counting up on restarts; 0 if skipped. */
                            attempt: number;
                            /** @description When the last attempt started. Epoch milliseconds (UTC). */
                            startedAt?: number;
                            /** @description When it ended. Epoch milliseconds (UTC). */
                            endedAt?: number;
                            /** @description Milliseconds. */
                            durationMs?: number;
                            /** @description The step's input. */
                            input?: unknown;
                            /** @description The step's output. */
                            output?: unknown;
                            error?: {
                                /** @description What went wrong. */
                                message: string;
                                /** @description A machine-readable error code. */
                                code?: string;
                                /** @description Free JSON about the error. */
                                details?: Record<string, never>;
                            };
                            reason?: string;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.list": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List live sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Session"][];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id?: string;
                    /** @description Any JSON value. */
                    data?: unknown;
                    ttlMs: number;
                    /** @enum {string} */
                    expiry?: "fixed" | "sliding";
                };
            };
        };
        responses: {
            /** @description Create a session with a TTL */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Read a session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description End a session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.touch": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Extend a sliding session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Any JSON value. */
                    data: unknown;
                };
            };
        };
        responses: {
            /** @description Replace a session's data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.sweepExpired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Epoch milliseconds (UTC), from 1970 to the end of year 9999. */
                    now?: number;
                };
            };
        };
        responses: {
            /** @description Remove expired sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        removed: number | ("Infinity" | "-Infinity" | "NaN");
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.listSnapshots": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a session's snapshots */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SessionSnapshot"][];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.saveSnapshot": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description A label for it (at most 1,024 characters). */
                    label?: string;
                };
            };
        };
        responses: {
            /** @description Snapshot a session's data */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionSnapshot"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.restoreSnapshot": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
                snapshotId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Restore a snapshot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.linkArtifact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description A label for it (at most 1,024 characters). */
                    label?: string;
                };
            };
        };
        responses: {
            /** @description Link an artifact to a session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionArtifactLink"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.unlinkArtifact": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlink an artifact from a session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "sessions.listArtifacts": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List a session's artifact links */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SessionArtifactLink"][];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.list": {
        parameters: {
            query?: {
                kind?: "code" | "document" | "image" | "data" | "other";
                contentType?: string;
                since?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List artifacts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The artifact's id, as put returned it. */
                            artifactId: string;
                            /** @description blake3 of the content: 64 lowercase hex characters. */
                            hash: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description A MIME type, e.g. image/png (at most 256 bytes). */
                            contentType: string;
                            /** @enum {string} */
                            kind: "code" | "document" | "image" | "data" | "other";
                            name?: string;
                            /** @description Free JSON about the artifact (at most 64 KiB). */
                            metadata?: Record<string, never>;
                            /** @description When it was stored. Epoch milliseconds (UTC). */
                            createdAt: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.put": {
        parameters: {
            query: {
                kind: "code" | "document" | "image" | "data" | "other";
                contentType?: string;
                name?: string;
                metadata?: string;
                compress?: "none" | "gzip" | "brotli";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Upload an artifact (raw bytes in the body) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The artifact's id, as put returned it. */
                        artifactId: string;
                        /** @description blake3 of the content: 64 lowercase hex characters. */
                        hash: string;
                        /** @description Bytes. */
                        size: number;
                        deduplicated: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.putBase64": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The content. Standard base64. */
                    data: string;
                    /** @enum {string} */
                    kind: "code" | "document" | "image" | "data" | "other";
                    /** @description A MIME type, e.g. image/png (at most 256 bytes). */
                    contentType?: string;
                    /** @description A file name (at most 1,024 UTF-8 bytes). */
                    name?: string;
                    /** @description Free JSON about the artifact (at most 64 KiB). */
                    metadata?: Record<string, never>;
                    /**
                     * @description none (default), gzip or brotli; chunks that do not shrink stay raw.
                     * @enum {string}
                     */
                    compress?: "none" | "gzip" | "brotli";
                };
            };
        };
        responses: {
            /** @description Upload a small artifact as base64 JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The artifact's id, as put returned it. */
                        artifactId: string;
                        /** @description blake3 of the content: 64 lowercase hex characters. */
                        hash: string;
                        /** @description Bytes. */
                        size: number;
                        deduplicated: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download an artifact's content (raw bytes) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.getBase64": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Download a small artifact as base64 JSON */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The artifact's id, as put returned it. */
                        artifactId: string;
                        /** @description blake3 of the content: 64 lowercase hex characters. */
                        hash: string;
                        /** @description Bytes. */
                        size: number;
                        /** @description A MIME type, e.g. image/png (at most 256 bytes). */
                        contentType: string;
                        /** @enum {string} */
                        kind: "code" | "document" | "image" | "data" | "other";
                        name?: string;
                        /** @description Free JSON about the artifact (at most 64 KiB). */
                        metadata?: Record<string, never>;
                        /** @description When it was stored. Epoch milliseconds (UTC). */
                        createdAt: number;
                        data: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.stat": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get an artifact's metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The artifact's id, as put returned it. */
                        artifactId: string;
                        /** @description blake3 of the content: 64 lowercase hex characters. */
                        hash: string;
                        /** @description Bytes. */
                        size: number;
                        /** @description A MIME type, e.g. image/png (at most 256 bytes). */
                        contentType: string;
                        /** @enum {string} */
                        kind: "code" | "document" | "image" | "data" | "other";
                        name?: string;
                        /** @description Free JSON about the artifact (at most 64 KiB). */
                        metadata?: Record<string, never>;
                        /** @description When it was stored. Epoch milliseconds (UTC). */
                        createdAt: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artifactId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delete an artifact */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether something was there and is gone. */
                        deleted: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.listContents": {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List stored contents with reference counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description blake3 of the content: 64 lowercase hex characters. */
                            hash: string;
                            /** @description Bytes. */
                            size: number;
                            /** @description Bytes. */
                            storedBytes: number;
                            /** @description A count. */
                            references: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.hasContent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether a content hash is stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exists: boolean;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.gc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Reclaim unreferenced contents and abandoned uploads */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        contents: number;
                        /** @description A count. */
                        chunks: number;
                        /** @description Bytes. */
                        bytes: number;
                        /** @description A count. */
                        uploads: number;
                        /** @description A count. */
                        references: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "artifacts.stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Artifact counts and deduplication ratio */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        artifacts: number;
                        /** @description Bytes. */
                        logicalBytes: number;
                        /** @description Bytes. */
                        storedBytes: number;
                        /** @description logicalBytes / storedBytes. */
                        dedupRatio: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "eventLog.query": {
        parameters: {
            query?: {
                from?: number;
                to?: number;
                type?: string;
                correlationId?: string;
                reverse?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Read events by time, type and correlation id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The event's type, e.g. tool.called. */
                            type: string;
                            /** @description The event's payload (any JSON). */
                            data: unknown;
                            /** @description Ties the events of one request, session or job together. */
                            correlationId?: string;
                            /** @description When it happened. Epoch milliseconds (UTC). */
                            timestamp: number;
                            /** @description Unique in the log; orders events of one timestamp. */
                            seq: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "eventLog.append": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The event's type, e.g. tool.called. */
                    type: string;
                    /** @description The event's payload (any JSON). */
                    data: unknown;
                    /** @description Ties the events of one request, session or job together. */
                    correlationId?: string;
                    /** @description When it happened; default: now. Epoch milliseconds (UTC). */
                    timestamp?: number;
                };
            };
        };
        responses: {
            /** @description Append an event */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The event's type, e.g. tool.called. */
                        type: string;
                        /** @description The event's payload (any JSON). */
                        data: unknown;
                        /** @description Ties the events of one request, session or job together. */
                        correlationId?: string;
                        /** @description When it happened. Epoch milliseconds (UTC). */
                        timestamp: number;
                        /** @description Unique in the log; orders events of one timestamp. */
                        seq: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "eventLog.deleteMonthsBefore": {
        parameters: {
            query: {
                before: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retention: drop every month before a time's month */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        months: string[];
                        /** @description Events removed. */
                        deletedEvents: number;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "eventLog.appendBatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        /** @description The event's type, e.g. tool.called. */
                        type: string;
                        /** @description The event's payload (any JSON). */
                        data: unknown;
                        /** @description Ties the events of one request, session or job together. */
                        correlationId?: string;
                        /** @description When it happened; default: now. Epoch milliseconds (UTC). */
                        timestamp?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Append up to 1,000 events atomically */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The event's type, e.g. tool.called. */
                            type: string;
                            /** @description The event's payload (any JSON). */
                            data: unknown;
                            /** @description Ties the events of one request, session or job together. */
                            correlationId?: string;
                            /** @description When it happened. Epoch milliseconds (UTC). */
                            timestamp: number;
                            /** @description Unique in the log; orders events of one timestamp. */
                            seq: number;
                        }[];
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "eventLog.tail": {
        parameters: {
            query?: {
                type?: string;
                correlationId?: string;
                pollIntervalMs?: number;
                pollLagMs?: number;
                bufferLimit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Follow new events as Server-Sent Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "hookHistory.query": {
        parameters: {
            query?: {
                hookId?: string;
                from?: number;
                to?: number;
                outcome?: "success" | "error";
                reverse?: boolean;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Find hook executions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The hook's id, e.g. redact-secrets. */
                            hookId: string;
                            /** @description The kind of hook, e.g. pre-tool or post-response. */
                            hookType: string;
                            /** @description What the hook was given (any JSON). */
                            input: unknown;
                            /** @description What the hook returned (any JSON). */
                            output?: unknown;
                            /** @description The failure message; its presence makes the outcome error. */
                            error?: string;
                            /** @description When the hook started. Epoch milliseconds (UTC). */
                            startedAt: number;
                            /** @description How long it ran, ms (fractions allowed). */
                            durationMs: number;
                            /** @description Ties executions of one request or turn together. */
                            correlationId?: string;
                            /** @description Position in the hash chain, from 1. */
                            seq: number;
                            /** @description The record's id. */
                            id: string;
                            /** @description When the record joined the chain. Epoch milliseconds (UTC). */
                            recordedAt: number;
                            /** @description blake3 hex. */
                            prevHash: string;
                            /** @description blake3 hex. */
                            hash: string;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "hookHistory.record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The hook's id, e.g. redact-secrets. */
                    hookId: string;
                    /** @description The kind of hook, e.g. pre-tool or post-response. */
                    hookType: string;
                    /** @description What the hook was given (any JSON). */
                    input: unknown;
                    /** @description What the hook returned (any JSON). */
                    output?: unknown;
                    /** @description The failure message; its presence makes the outcome error. */
                    error?: string;
                    /** @description When the hook started. Epoch milliseconds (UTC). */
                    startedAt: number;
                    /** @description How long it ran, ms (fractions allowed). */
                    durationMs: number;
                    /** @description Ties executions of one request or turn together. */
                    correlationId?: string;
                };
            };
        };
        responses: {
            /** @description Record one hook execution */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The hook's id, e.g. redact-secrets. */
                        hookId: string;
                        /** @description The kind of hook, e.g. pre-tool or post-response. */
                        hookType: string;
                        /** @description What the hook was given (any JSON). */
                        input: unknown;
                        /** @description What the hook returned (any JSON). */
                        output?: unknown;
                        /** @description The failure message; its presence makes the outcome error. */
                        error?: string;
                        /** @description When the hook started. Epoch milliseconds (UTC). */
                        startedAt: number;
                        /** @description How long it ran, ms (fractions allowed). */
                        durationMs: number;
                        /** @description Ties executions of one request or turn together. */
                        correlationId?: string;
                        /** @description Position in the hash chain, from 1. */
                        seq: number;
                        /** @description The record's id. */
                        id: string;
                        /** @description When the record joined the chain. Epoch milliseconds (UTC). */
                        recordedAt: number;
                        /** @description blake3 hex. */
                        prevHash: string;
                        /** @description blake3 hex. */
                        hash: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "hookHistory.deleteBefore": {
        parameters: {
            query: {
                before: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Retention: delete executions recorded before a time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A count. */
                        deletedRecords: number;
                        /** @description A count. */
                        anchorSeq: number;
                        /** @description blake3 hex. */
                        anchorHash: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "hookHistory.stats": {
        parameters: {
            query?: {
                hookId?: string;
                from?: number;
                to?: number;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Per-hook counts, error rates and latency percentiles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The hook's id, e.g. redact-secrets. */
                            hookId: string;
                            /** @description A count. */
                            count: number;
                            /** @description A count. */
                            errors: number;
                            /** @description errors / count. */
                            errorRate: number;
                            /** @description Milliseconds. */
                            p50Ms: number;
                            /** @description Milliseconds. */
                            p95Ms: number;
                            /** @description Milliseconds. */
                            p99Ms: number;
                        }[];
                        /** @description Opaque: the nextCursor of the previous page of this listing, with the same filters. */
                        nextCursor?: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "hookHistory.verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Check the hash chain for tampering */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                        /** @description A count. */
                        checked: number;
                        /** @description A count. */
                        headSeq: number;
                        /** @description blake3 hex. */
                        headHash: string;
                    } | {
                        /** @enum {boolean} */
                        ok: false;
                        /** @description A count. */
                        checked: number;
                        /** @description A count. */
                        firstBadSeq: number;
                        id?: string;
                        /** @enum {string} */
                        reason: "changed" | "removed" | "reordered" | "unlinked";
                        message: string;
                    };
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An error (RFC 9457 problem JSON) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
