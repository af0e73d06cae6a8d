import { z } from 'zod'
import { createActionItem } from '../../qbr/create-action-item.server.ts'
import { addAgendaItem } from '../../qbr/add-agenda-item.server.ts'
import { addAttendee } from '../../qbr/add-attendee.server.ts'
import { addDecision } from '../../qbr/add-decision.server.ts'
import { createQbr } from '../../qbr/create-qbr.server.ts'
import { setActionItemDeleted } from '../../qbr/delete-action-item.server.ts'
import { setAgendaItemDeleted } from '../../qbr/delete-agenda-item.server.ts'
import { setDecisionDeleted } from '../../qbr/delete-decision.server.ts'
import { setQbrDeleted } from '../../qbr/delete-qbr.server.ts'
import { getQbr } from '../../qbr/get-qbr.server.ts'
import { listActionItems } from '../../qbr/list-action-items.server.ts'
import { listQbrs } from '../../qbr/list-qbrs.server.ts'
import {
  ZActionItem,
  ZAddAgendaItemInput,
  ZAddAttendeeInput,
  ZAddDecisionInput,
  ZAgendaItem,
  ZAttendee,
  ZCreateActionItemInput,
  ZCreateQbrInput,
  ZDecision,
  ZGetQbrInput,
  ZListActionItemsInput,
  ZListQbrsInput,
  ZQbrDetail,
  ZQbrHistoryInput,
  ZQbrListEntry,
  ZQbrSummary,
  ZRemoveAttendeeInput,
  ZReorderAgendaInput,
  ZSetQbrStatusInput,
  ZUpdateActionItemInput,
  ZUpdateAgendaItemInput,
  ZUpdateDecisionInput,
  ZUpdateMinutesInput,
  ZUpdateQbrInput,
} from '../../qbr/qbr.schemas.ts'
import { removeAttendee } from '../../qbr/remove-attendee.server.ts'
import { reorderAgenda } from '../../qbr/reorder-agenda.server.ts'
import { setQbrStatus } from '../../qbr/set-qbr-status.server.ts'
import { updateActionItem } from '../../qbr/update-action-item.server.ts'
import { updateAgendaItem } from '../../qbr/update-agenda-item.server.ts'
import { updateDecision } from '../../qbr/update-decision.server.ts'
import { updateMinutes } from '../../qbr/update-minutes.server.ts'
import { updateQbr } from '../../qbr/update-qbr.server.ts'
import { listFieldHistory } from '../../workspace/history.server.ts'
import { ZFieldChange, ZVersionedRef } from '../../workspace/workspace.schemas.ts'
import { partnershipProcedure, router } from '../init.ts'

const updated = <T extends z.ZodType>(item: T) => z.object({ item, merged: z.boolean(), changedFields: z.array(z.string()) })

// Reading is for every role; co-editors of both parties edit agenda, minutes, decisions, attendees and action
// items; the people who answer for the partnership create, schedule, move and close QBRs.
export const qbrRouter = router({
  list: partnershipProcedure('qbr.read').input(ZListQbrsInput).output(z.array(ZQbrListEntry)).query(({ ctx, input }) => listQbrs(ctx.scope, input)),
  get: partnershipProcedure('qbr.read').input(ZGetQbrInput).output(ZQbrDetail).query(({ ctx, input }) => getQbr(ctx.scope, input)),
  create: partnershipProcedure('qbr.manage').input(ZCreateQbrInput).output(ZQbrDetail).mutation(({ ctx, input }) => createQbr(ctx.scope, ctx.actor, input)),
  update: partnershipProcedure('qbr.manage').input(ZUpdateQbrInput).output(updated(ZQbrSummary)).mutation(({ ctx, input }) => updateQbr(ctx.scope, ctx.actor, input)),
  setStatus: partnershipProcedure('qbr.manage').input(ZSetQbrStatusInput).output(ZQbrSummary).mutation(({ ctx, input }) => setQbrStatus(ctx.scope, ctx.actor, input)),
  delete: partnershipProcedure('qbr.manage').input(ZVersionedRef).output(ZQbrSummary).mutation(({ ctx, input }) => setQbrDeleted(ctx.scope, ctx.actor, input, true)),
  restore: partnershipProcedure('qbr.manage').input(ZVersionedRef).output(ZQbrSummary).mutation(({ ctx, input }) => setQbrDeleted(ctx.scope, ctx.actor, input, false)),
  history: partnershipProcedure('qbr.read')
    .input(ZQbrHistoryInput)
    .output(z.array(ZFieldChange))
    .query(({ ctx, input }) => listFieldHistory(ctx.scope, input.entityType, input.id)),
  agenda: router({
    add: partnershipProcedure('qbr.edit').input(ZAddAgendaItemInput).output(ZAgendaItem).mutation(({ ctx, input }) => addAgendaItem(ctx.scope, ctx.actor, input)),
    update: partnershipProcedure('qbr.edit').input(ZUpdateAgendaItemInput).output(updated(ZAgendaItem)).mutation(({ ctx, input }) => updateAgendaItem(ctx.scope, ctx.actor, input)),
    reorder: partnershipProcedure('qbr.edit').input(ZReorderAgendaInput).output(updated(ZQbrSummary)).mutation(({ ctx, input }) => reorderAgenda(ctx.scope, ctx.actor, input)),
    delete: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZAgendaItem).mutation(({ ctx, input }) => setAgendaItemDeleted(ctx.scope, ctx.actor, input, true)),
    restore: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZAgendaItem).mutation(({ ctx, input }) => setAgendaItemDeleted(ctx.scope, ctx.actor, input, false)),
  }),
  minutes: partnershipProcedure('qbr.edit').input(ZUpdateMinutesInput).output(updated(ZAgendaItem)).mutation(({ ctx, input }) => updateMinutes(ctx.scope, ctx.actor, input)),
  decisions: router({
    add: partnershipProcedure('qbr.edit').input(ZAddDecisionInput).output(ZDecision).mutation(({ ctx, input }) => addDecision(ctx.scope, ctx.actor, input)),
    update: partnershipProcedure('qbr.edit').input(ZUpdateDecisionInput).output(updated(ZDecision)).mutation(({ ctx, input }) => updateDecision(ctx.scope, ctx.actor, input)),
    delete: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZDecision).mutation(({ ctx, input }) => setDecisionDeleted(ctx.scope, ctx.actor, input, true)),
    restore: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZDecision).mutation(({ ctx, input }) => setDecisionDeleted(ctx.scope, ctx.actor, input, false)),
  }),
  attendees: router({
    add: partnershipProcedure('qbr.edit').input(ZAddAttendeeInput).output(ZAttendee).mutation(({ ctx, input }) => addAttendee(ctx.scope, ctx.actor, input)),
    remove: partnershipProcedure('qbr.edit').input(ZRemoveAttendeeInput).output(ZAttendee).mutation(({ ctx, input }) => removeAttendee(ctx.scope, ctx.actor, input)),
  }),
  actionItems: router({
    list: partnershipProcedure('qbr.read').input(ZListActionItemsInput).output(z.array(ZActionItem)).query(({ ctx, input }) => listActionItems(ctx.scope, input)),
    create: partnershipProcedure('qbr.edit').input(ZCreateActionItemInput).output(ZActionItem).mutation(({ ctx, input }) => createActionItem(ctx.scope, ctx.actor, input)),
    update: partnershipProcedure('qbr.edit').input(ZUpdateActionItemInput).output(updated(ZActionItem)).mutation(({ ctx, input }) => updateActionItem(ctx.scope, ctx.actor, input)),
    delete: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZActionItem).mutation(({ ctx, input }) => setActionItemDeleted(ctx.scope, ctx.actor, input, true)),
    restore: partnershipProcedure('qbr.edit').input(ZVersionedRef).output(ZActionItem).mutation(({ ctx, input }) => setActionItemDeleted(ctx.scope, ctx.actor, input, false)),
  }),
})
