import { z } from 'zod'
import { assetForecast } from '../../assets/asset-forecast.server.ts'
import { ZAssetDto, ZAssetForecastInput, ZForecastToRoadmapInput, ZListAssetsInput } from '../../assets/assets.schemas.ts'
import { forecastToRoadmap } from '../../assets/forecast-to-roadmap.server.ts'
import { listAssets } from '../../assets/list-assets.server.ts'
import { ZUpsertAssetsInput, pushAssets } from '../../assets/push-assets.server.ts'
import { ZRoadmapItem } from '../../roadmap/roadmap.schemas.ts'
import { closeLinkedItem } from '../../writeback/close-linked-item.server.ts'
import { listPsaLinks } from '../../writeback/list-psa-links.server.ts'
import { sendToPsa } from '../../writeback/send-to-psa.server.ts'
import { ZCloseLinkedItemInput, ZListPsaLinksInput, ZPsaLink, ZSendToPsaInput } from '../../writeback/writeback.schemas.ts'
import { expensive, partnershipProcedure, router } from '../init.ts'

const ZCosts = z.array(z.object({ currency: z.string(), cents: z.number() }))
const ZForecast = z.object({
  today: z.string(),
  undated: z.number(),
  quarters: z.array(
    z.object({
      quarter: z.string(),
      starts: z.string(),
      ends: z.string(),
      count: z.number(),
      costs: ZCosts,
      groups: z.array(z.object({ type: z.string(), count: z.number(), overdue: z.number(), reasons: z.object({ warranty: z.number(), endOfLife: z.number() }), costs: ZCosts })),
    }),
  ),
})
const ZCounts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() })

export const assetsRouter = router({
  list: partnershipProcedure('asset.read').input(ZListAssetsInput).output(z.object({ total: z.number(), assets: z.array(ZAssetDto) })).query(({ ctx, input }) => listAssets(ctx.scope, input)),
  forecast: partnershipProcedure('asset.read').input(ZAssetForecastInput).output(ZForecast).query(({ ctx, input }) => assetForecast(ctx.scope, input)),
  toRoadmap: partnershipProcedure('roadmap.edit').input(ZForecastToRoadmapInput).output(ZRoadmapItem).mutation(({ ctx, input }) => forecastToRoadmap(ctx.scope, ctx.actor, input, ctx.appUrl)),
  upsert: partnershipProcedure('asset.write').use(expensive('import')).input(ZUpsertAssetsInput).output(ZCounts).mutation(({ ctx, input }) => pushAssets(ctx.scope, ctx.actor, input)),
})

export const psaTicketsRouter = router({
  list: partnershipProcedure('workspace.read')
    .input(ZListPsaLinksInput)
    .output(
      z.object({
        enabled: z.boolean(),
        kind: z.string().nullable(),
        boards: z.array(z.object({ id: z.string(), name: z.string() })),
        items: z.array(z.object({ itemKind: z.enum(['ACTION_ITEM', 'ROADMAP_ITEM']), itemId: z.string(), title: z.string(), status: z.string(), version: z.number(), link: ZPsaLink.nullable() })),
      }),
    )
    .query(({ ctx }) => listPsaLinks(ctx.scope)),
  send: partnershipProcedure('psa.send').input(ZSendToPsaInput).output(z.object({ link: ZPsaLink, created: z.boolean() })).mutation(({ ctx, input }) => sendToPsa(ctx.scope, ctx.actor, input)),
  closeItem: partnershipProcedure('roadmap.edit')
    .input(ZCloseLinkedItemInput)
    .output(z.object({ itemKind: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => closeLinkedItem(ctx.scope, ctx.actor, input)),
})
