export { renderTimelineSvg, type TimelineSvgOptions } from './render';
export { escapeXml } from './xml';
