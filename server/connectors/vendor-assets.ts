// Vendor configuration items mapped to VendorAsset. Field names: docs/psa-write-back.md ("Configuration items");
// what is unconfirmed is read leniently (an absent field is an empty value, never a skipped record).
import { RecordError, type Raw, child, id, text } from './record.ts'
import type { VendorAsset } from './types.ts'
import { vendorInstant } from './vendor-dates.ts'

/** A vendor date as a calendar day; Halo's 1900-01-01 placeholder means none. */
export function vendorDay(value: unknown, field: string): string | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim() <= '1900-01-01' ? null : value.trim()
  const at = vendorInstant(value, field)
  if (!at) return null
  const day = at.slice(0, 10)
  return day <= '1900-01-01' ? null : day
}

const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback)

export function mapConnectWiseConfiguration(record: Raw): VendorAsset {
  const name = text(record, 'name')
  if (!name) throw new RecordError('name: missing')
  return {
    externalId: id(record),
    clientExternalId: text(child(record, 'company'), 'id', 'company.id'),
    name,
    type: text(child(record, 'type'), 'name', 'type.name') ?? '',
    model: text(record, 'modelNumber') ?? '',
    serial: text(record, 'serialNumber') ?? '',
    assignedUser: text(child(record, 'contact'), 'name', 'contact.name') ?? text(record, 'lastLoginName') ?? '',
    site: text(child(record, 'site'), 'name', 'site.name') ?? '',
    purchaseDate: vendorDay(record.purchaseDate, 'purchaseDate'),
    warrantyEnd: vendorDay(record.warrantyExpirationDate, 'warrantyExpirationDate'),
    // No end-of-life field in ConnectWise's schema: from the CSV or left empty.
    endOfLife: null,
    active: flag(record.activeFlag, true),
  }
}

export function mapAutotaskConfigurationItem(record: Raw, types: ReadonlyMap<string, string>): VendorAsset {
  const typeValue = text(record, 'configurationItemType')
  const serial = text(record, 'serialNumber') ?? ''
  const name = text(record, 'referenceTitle') ?? text(record, 'referenceNumber') ?? serial
  if (!name) throw new RecordError('referenceTitle: missing')
  return {
    externalId: id(record),
    clientExternalId: text(record, 'companyID'),
    name,
    type: typeValue ? (types.get(typeValue) ?? `Type ${typeValue}`) : '',
    // The product's name needs a Products lookup: the reference number stands in (unconfirmed which is more useful).
    model: text(record, 'referenceNumber') ?? '',
    serial,
    assignedUser: '',
    site: '',
    purchaseDate: vendorDay(record.installDate, 'installDate'),
    warrantyEnd: vendorDay(record.warrantyExpirationDate, 'warrantyExpirationDate'),
    endOfLife: null,
    active: flag(record.isActive, true),
  }
}

export function mapHaloAsset(record: Raw): VendorAsset {
  const name = text(record, 'inventory_number') ?? text(record, 'key_field')
  if (!name) throw new RecordError('inventory_number: missing')
  return {
    externalId: id(record),
    clientExternalId: text(record, 'client_id'),
    name,
    type: text(record, 'assettype_name') ?? '',
    // Halo's key fields are configured per asset type; key_field2 commonly holds the serial (unconfirmed).
    model: text(record, 'model') ?? '',
    serial: text(record, 'serial_number') ?? text(record, 'key_field2') ?? '',
    assignedUser: text(record, 'username') ?? text(record, 'user_name') ?? '',
    site: text(record, 'site_name') ?? '',
    purchaseDate: vendorDay(record.purchase_date, 'purchase_date'),
    warrantyEnd: vendorDay(record.warranty_end, 'warranty_end'),
    endOfLife: vendorDay(record.end_of_life, 'end_of_life'),
    active: !flag(record.inactive, false),
  }
}
