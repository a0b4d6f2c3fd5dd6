import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AUTH_KIND } from '../../src/common/http/auth-kind.js';

export type RouteInfo = { method: string; path: string; kind: string };

/** Every controller route of the running app, with how it authenticates. */
export function listRoutes(app: NestExpressApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      const kind = reflector.getAllAndOverride<string>(AUTH_KIND, [handler as never, wrapper.metatype as never]) ?? 'session';
      const full = `/${[base, String(path)].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({ method, path: full, kind });
    }
  }
  return routes;
}
