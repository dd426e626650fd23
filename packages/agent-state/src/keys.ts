/** The agent-state keyspace (see the README's table). Every key is a core tuple. */
import { key, tupleRange } from "@mnemo/core";

/** One per agent, written once by the commit that first saves or sets a status. */
export const agentKey = (agentId: string) => key("agent", agentId);
export const agentsRange = () => tupleRange(["agent"]);
export const headKey = (agentId: string) => key("head", agentId);
export const snapshotKey = (agentId: string, version: number) => key("snapshot", agentId, version);
export const infoKey = (agentId: string, version: number) => key("info", agentId, version);
export const infosOf = (agentId: string) => tupleRange(["info", agentId]);
export const statusKey = (agentId: string) => key("status", agentId);
