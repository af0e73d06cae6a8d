import { z } from 'zod'
import { ZInstant } from '../../validation/bounds.ts'
import { createCsiEntry, csiStages, getCsiEntry, listCsiEntries, setCsiEntryDeleted, updateCsiEntry } from '../../csi/csi-entries.server.ts'
import { ZCreateCsiInput, ZCsiEntry, ZListCsiInput, ZUpdateCsiInput } from '../../csi/csi.schemas.ts'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { applyStarterTemplate } from '../../responsibilities/apply-starter-template.server.ts'
import { responsibilityChangesSince } from '../../responsibilities/changes-since.server.ts'
import { createResponsibility } from '../../responsibilities/create-responsibility.server.ts'
import { getResponsibility, listResponsibilities, responsibilityMatrix } from '../../responsibilities/list-responsibilities.server.ts'
import { ZCreateResponsibilityInput, ZMatrixRow, ZResponsibility, ZUpdateResponsibilityInput } from '../../responsibilities/responsibilities.schemas.ts'
import { setResponsibilityDeleted, updateResponsibility } from '../../responsibilities/update-responsibility.server.ts'
import { approveRoadmapItem } from '../../roadmap/approve-roadmap-item.server.ts'
import { roadmapBudget } from '../../roadmap/roadmap-budget.server.ts'
import { createRoadmapItem } from '../../roadmap/create-roadmap-item.server.ts'
import { setRoadmapItemDeleted } from '../../roadmap/delete-roadmap-item.server.ts'
import { getRoadmapItem, listRoadmapItems } from '../../roadmap/list-roadmap-items.server.ts'
import { ZApproveRoadmapItemInput, ZCreateRoadmapItemInput, ZListRoadmapInput, ZRoadmapItem, ZUpdateRoadmapItemInput } from '../../roadmap/roadmap.schemas.ts'
import { updateRoadmapItem } from '../../roadmap/update-roadmap-item.server.ts'
import { addComment, listComments } from '../../workspace/comments.server.ts'
import { listFieldHistory } from '../../workspace/history.server.ts'
import { ZAddCommentInput, ZComment, ZEntityRef, ZFieldChange, ZVersionedRef } from '../../workspace/workspace.schemas.ts'
import { partnershipProcedure, router } from '../init.ts'

const ZSlugInput = z.object({ slug: ZSlug })
const updated = <T extends z.ZodType>(item: T) => z.object({ item, merged: z.boolean(), changedFields: z.array(z.string()) })

export const responsibilityRouter = router({
  list: partnershipProcedure('workspace.read')
    .input(ZSlugInput.extend({ includeDeleted: z.boolean().default(false) }))
    .output(z.array(ZResponsibility))
    .query(({ ctx, input }) => listResponsibilities(ctx.scope, input)),
  get: partnershipProcedure('workspace.read').input(ZEntityRef).output(ZResponsibility).query(({ ctx, input }) => getResponsibility(ctx.scope, input.id)),
  matrix: partnershipProcedure('workspace.read')
    .input(ZSlugInput)
    .query(({ ctx }): Promise<Array<z.infer<typeof ZMatrixRow>>> => responsibilityMatrix(ctx.scope)),
  changesSince: partnershipProcedure('workspace.read')
    .input(ZSlugInput.extend({ since: ZInstant }))
    .query(({ ctx, input }) => responsibilityChangesSince(ctx.scope, new Date(input.since))),
  create: partnershipProcedure('responsibility.edit').input(ZCreateResponsibilityInput).output(ZResponsibility).mutation(({ ctx, input }) => createResponsibility(ctx.scope, ctx.actor, input)),
  update: partnershipProcedure('responsibility.edit')
    .input(ZUpdateResponsibilityInput)
    .output(updated(ZResponsibility))
    .mutation(({ ctx, input }) => updateResponsibility(ctx.scope, ctx.actor, input)),
  applyTemplate: partnershipProcedure('responsibility.edit')
    .input(ZSlugInput)
    .output(z.object({ added: z.number() }))
    .mutation(({ ctx }) => applyStarterTemplate(ctx.scope, ctx.actor)),
  delete: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZResponsibility).mutation(({ ctx, input }) => setResponsibilityDeleted(ctx.scope, ctx.actor, input, true)),
  restore: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZResponsibility).mutation(({ ctx, input }) => setResponsibilityDeleted(ctx.scope, ctx.actor, input, false)),
  history: partnershipProcedure('workspace.read')
    .input(ZEntityRef)
    .output(z.array(ZFieldChange))
    .query(({ ctx, input }) => listFieldHistory(ctx.scope, 'ResponsibilityFunction', input.id)),
})

export const roadmapRouter = router({
  // Large lists: their output types are checked at compile time, not re-validated per call (ADR 005).
  list: partnershipProcedure('workspace.read').input(ZListRoadmapInput).query(({ ctx, input }) => listRoadmapItems(ctx.scope, input)),
  get: partnershipProcedure('workspace.read').input(ZEntityRef).output(ZRoadmapItem).query(({ ctx, input }) => getRoadmapItem(ctx.scope, input.id)),
  create: partnershipProcedure('roadmap.edit').input(ZCreateRoadmapItemInput).output(ZRoadmapItem).mutation(({ ctx, input }) => createRoadmapItem(ctx.scope, ctx.actor, input, ctx.appUrl)),
  update: partnershipProcedure('roadmap.edit').input(ZUpdateRoadmapItemInput).output(updated(ZRoadmapItem)).mutation(({ ctx, input }) => updateRoadmapItem(ctx.scope, ctx.actor, input, ctx.appUrl)),
  approve: partnershipProcedure('roadmap.approve').input(ZApproveRoadmapItemInput).output(ZRoadmapItem).mutation(({ ctx, input }) => approveRoadmapItem(ctx.scope, ctx.actor, input)),
  delete: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZRoadmapItem).mutation(({ ctx, input }) => setRoadmapItemDeleted(ctx.scope, ctx.actor, input, true)),
  restore: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZRoadmapItem).mutation(({ ctx, input }) => setRoadmapItemDeleted(ctx.scope, ctx.actor, input, false)),
  history: partnershipProcedure('workspace.read').input(ZEntityRef).output(z.array(ZFieldChange)).query(({ ctx, input }) => listFieldHistory(ctx.scope, 'RoadmapItem', input.id)),
  comments: partnershipProcedure('workspace.read').input(ZEntityRef).output(z.array(ZComment)).query(({ ctx, input }) => listComments(ctx.scope, 'RoadmapItem', input.id)),
  comment: partnershipProcedure('comment.create').input(ZAddCommentInput).output(ZComment).mutation(async ({ ctx, input }) => {
    await getRoadmapItem(ctx.scope, input.id)
    return addComment(ctx.scope, ctx.actor, 'RoadmapItem', input.id, input.body)
  }),
  budget: partnershipProcedure('workspace.read').input(ZSlugInput.extend({ from: z.string().optional(), to: z.string().optional() })).query(({ ctx, input }) => roadmapBudget(ctx.scope, input)),
})

export const csiRouter = router({
  stages: partnershipProcedure('workspace.read').input(ZSlugInput).output(z.array(z.string())).query(({ ctx }) => csiStages(ctx.scope)),
  list: partnershipProcedure('workspace.read').input(ZListCsiInput).query(({ ctx, input }) => listCsiEntries(ctx.scope, input)),
  get: partnershipProcedure('workspace.read').input(ZEntityRef).output(ZCsiEntry).query(({ ctx, input }) => getCsiEntry(ctx.scope, input.id)),
  create: partnershipProcedure('csi.edit').input(ZCreateCsiInput).output(ZCsiEntry).mutation(({ ctx, input }) => createCsiEntry(ctx.scope, ctx.actor, input)),
  update: partnershipProcedure('csi.edit').input(ZUpdateCsiInput).output(updated(ZCsiEntry)).mutation(({ ctx, input }) => updateCsiEntry(ctx.scope, ctx.actor, input)),
  delete: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZCsiEntry).mutation(({ ctx, input }) => setCsiEntryDeleted(ctx.scope, ctx.actor, input, true)),
  restore: partnershipProcedure('workspace.delete').input(ZVersionedRef).output(ZCsiEntry).mutation(({ ctx, input }) => setCsiEntryDeleted(ctx.scope, ctx.actor, input, false)),
  history: partnershipProcedure('workspace.read').input(ZEntityRef).output(z.array(ZFieldChange)).query(({ ctx, input }) => listFieldHistory(ctx.scope, 'CsiEntry', input.id)),
  comments: partnershipProcedure('workspace.read').input(ZEntityRef).output(z.array(ZComment)).query(({ ctx, input }) => listComments(ctx.scope, 'CsiEntry', input.id)),
  comment: partnershipProcedure('comment.create').input(ZAddCommentInput).output(ZComment).mutation(async ({ ctx, input }) => {
    await getCsiEntry(ctx.scope, input.id)
    return addComment(ctx.scope, ctx.actor, 'CsiEntry', input.id, input.body)
  }),
})
