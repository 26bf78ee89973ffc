import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a synthetic content folder of `count` pages in the seed's layout: a 概要 list, a slide
 * list, talk sections with 嘉宾介绍 / 议题简介 / 听众收获 and project links. Speakers and projects
 * recur across pages, as on a real site. Deterministic: the same count gives the same bytes.
 */
export async function generateContent(dir: string, count: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const random = seeded(42);
  const people = Array.from({ length: Math.max(20, Math.floor(count / 4)) }, (_, i) => person(i));
  const projects = Array.from({ length: Math.max(10, Math.floor(count / 20)) }, (_, i) => `https://github.com/example-org/project-${i}`);
  const cities = ['杭州', '上海', '北京', '深圳', '成都', '合肥', '广州', '南京'];
  for (let i = 0; i < count; i++) {
    const year = 2015 + (i % 10);
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const city = cities[i % cities.length] ?? '杭州';
    const talkCount = 2 + Math.floor(random() * 4);
    const talks = Array.from({ length: talkCount }, (_, t) => ({
      title: `第 ${i} 期议题 ${t + 1}：${TOPICS[(i + t) % TOPICS.length]}`,
      speaker: people[Math.floor(random() * people.length)] ?? person(0),
      project: random() < 0.6 ? projects[Math.floor(random() * projects.length)] : undefined,
    }));
    const text = `---
title: "示例 Meetup#${i} ${city}站-${TOPICS[i % TOPICS.length]}"
date: ${year}-${pad(month)}-${pad(day)}T10:00:00+08:00
categories: "DevMeetup"
tags: ["DevMeetup", "${TAGS[i % TAGS.length]}"]
description: "第 ${i} 期线下交流"
---

## 概要

- 活动主题：示例 Meetup#${i} ${city}站

- 活动时间：${year} 年 ${pad(month)} 月 ${pad(day)} 日（周六）13:30-17:30

- 活动地点：${city}市示例区示例路 ${i} 号创新中心

- 活动形式：线下活动

- 资料下载：<br/>
${talks.map((t, n) => `[《${t.title}》](https://cdn.example.com/decks/${i}-${n}.pdf)`).join('<br/>\n')}

## 本期议题以及嘉宾详解

${talks.map((t) => talkSection(t.title, t.speaker, t.project)).join('\n')}
`;
    const folder = join(dir, 'zh', 'activities', `meetup-${i}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'index.md'), text);
  }
}

const TOPICS = ['服务网格的灰度发布', '注册中心的推送模型', '分布式事务实践', '可观测性从零到一', 'Service Mesh 落地', '云原生网关', '消息队列的顺序保证', '多集群治理'];
const TAGS = ['云原生', '中间件', '可观测性', '数据库'];
const SURNAMES = '张李王赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜';
const GIVEN = '一二三四五六七八九十明亮青松白石远山北辰河西';

function person(i: number): { name: string; alias: string } {
  const s = SURNAMES[i % SURNAMES.length] ?? '张';
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] ?? '一';
  const g2 = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length] ?? '';
  return { name: `${s}${g1}${g2}`, alias: `阿${g1}${g2}${s}` };
}

function talkSection(title: string, speaker: { name: string; alias: string }, project: string | undefined): string {
  return `**《${title}》**

**嘉宾介绍**

${speaker.name}（花名${speaker.alias}），示例集团技术专家，长期从事分布式系统与中间件的研发，参与过多个开源项目。

**议题简介**

本次分享介绍${title.split('：')[1] ?? title}的背景、设计取舍与落地经验，并讨论在大规模场景下遇到的问题和解决办法。
${project ? `\n**项目地址**\n\n${project}\n` : ''}
**听众收获**

1、理解问题的来龙去脉；

2、获得可以直接借鉴的实践经验。
`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same pages. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
