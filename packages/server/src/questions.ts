// The questions the try script asks about the demo world, and how they are asked over gRPC and printed.

import type { AuthzRequest, Decision, DecisionResult, Reason } from '@iam/core';
import { fromWireResponse, toWireRequest, type PdpClient } from '@iam/pdp';
import { DEMO } from './demo.ts';

/** How long the try script waits for the PDP (ms). */
export const ASK_DEADLINE_MS = 5000;

/** One question with the decision the demo world should give. */
export interface DemoQuestion {
  title: string;
  request: AuthzRequest;
  expected: Decision;
}

/** A question with the PDP's answer. */
export interface Answer extends DemoQuestion {
  result: DecisionResult & { revision: number };
}

/** The demo questions for `account` (every request asks for an explanation). */
export function DEMO_QUESTIONS(account: string = DEMO.accountId): DemoQuestion[] {
  const user = (name: string) => `arn:aws:iam::${account}:user/${name}`;
  const order = `arn:aws:orders:eu-west-1:${account}:order/42`;
  const role = `arn:aws:iam::${account}:role/${DEMO.role}`;
  const q = (title: string, request: Omit<AuthzRequest, 'explain'>, expected: Decision): DemoQuestion => ({ title, request: { ...request, explain: true }, expected });
  return [
    q('alice reads an order (group developers, policy OrdersRead)', { principal: { arn: user('alice') }, action: 'orders:GetOrder', resource: order }, 'Allow'),
    q('alice deletes an order (nothing allows it)', { principal: { arn: user('alice') }, action: 'orders:DeleteOrder', resource: order }, 'ImplicitDeny'),
    q('bob deletes an order without MFA', { principal: { arn: user('bob') }, action: 'orders:DeleteOrder', resource: order }, 'ExplicitDeny'),
    q('bob deletes an order with MFA', { principal: { arn: user('bob'), mfaPresent: true }, action: 'orders:DeleteOrder', resource: order }, 'Allow'),
    q('bob updates the shared order (his policy and the order\'s resource policy)', { principal: { arn: user('bob') }, action: 'orders:UpdateOrder', resource: DEMO.sharedOrder }, 'Allow'),
    q('alice assumes the role auditor (its trust policy names her)', { principal: { arn: user('alice') }, action: 'sts:AssumeRole', resource: role }, 'Allow'),
    q('alice, as auditor, lists orders', { principal: { session: { roleArn: role, sessionName: 'alice' } }, action: 'orders:ListOrders', resource: order }, 'Allow'),
    q('alice, as auditor, deletes an order', { principal: { session: { roleArn: role, sessionName: 'alice' } }, action: 'orders:DeleteOrder', resource: order }, 'ImplicitDeny'),
  ];
}

/** Asks all `questions` in one BatchAuthorize call. */
export async function ask(client: PdpClient, questions: DemoQuestion[], deadlineMs = ASK_DEADLINE_MS): Promise<Answer[]> {
  const response = await client.batchAuthorize(
    { requests: questions.map((question) => toWireRequest(question.request)) },
    { deadline: Date.now() + deadlineMs },
  );
  if (response.results.length !== questions.length) throw new Error(`expected ${questions.length} answers, got ${response.results.length}`);
  return questions.map((question, i) => ({ ...question, result: fromWireResponse(response.results[i]) }));
}

function who(request: AuthzRequest): string {
  const p = request.principal;
  if (p.session) return `${p.session.roleArn.split('/').pop()}/${p.session.sessionName} (session)`;
  return `${p.arn!.split('/').pop()}${p.mfaPresent ? ' +MFA' : ''}`;
}

function reasonLine(r: Reason): string {
  return `      ${r.effect.toLowerCase()} by ${r.layer} ${r.policyId} statement ${r.statementIndex}${r.sid ? ` (${r.sid})` : ''}`;
}

/** Printable lines for one answer: the question, the decision and the statements that decided it. */
export function formatAnswer(answer: Answer): string[] {
  const { result, expected, request } = answer;
  const mark = result.decision === expected ? 'ok' : `UNEXPECTED, the demo world gives ${expected}`;
  const lines = [
    `${answer.title}`,
    `  ${who(request)} ${request.action} ${request.resource}`,
    `  -> ${result.decision}${result.deniedBy ? ` (denied by ${result.deniedBy})` : ''}  [${mark}]`,
    ...result.reasons.map(reasonLine),
  ];
  if (result.missingContextKeys.length > 0) lines.push(`      missing context keys: ${result.missingContextKeys.join(', ')}`);
  for (const e of result.errors) lines.push(`      error in ${e.policyId} statement ${e.statementIndex}: ${e.message}`);
  return lines;
}
