export interface OrgLike {
  name: string
  logoUrl: string | null
  primaryColor: string | null
}

/** The organization's logo, or its initial on its brand colour. */
export function OrgLogo({ org, size = 40 }: { org: OrgLike; size?: number }) {
  if (org.logoUrl) return <img className="logo" src={org.logoUrl} alt="" width={size} height={size} />
  return (
    <span className="logo" aria-hidden="true" style={{ background: org.primaryColor ?? '#57606a', width: size, height: size }}>
      {org.name.charAt(0).toUpperCase()}
    </span>
  )
}
