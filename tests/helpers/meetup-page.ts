/** A generated meetup page in the layout of the sample content (front matter, 概要 list, talks). */
export interface MeetupPageSpec {
  readonly title: string;
  /** Day of the event, `2021-05-08`. */
  readonly day: string;
  readonly tags: readonly string[];
  readonly talks: readonly { readonly title: string; readonly speaker: string }[];
}

export function meetupPage(spec: MeetupPageSpec): string {
  const [year, month, day] = spec.day.split('-');
  const slides = spec.talks.map((t, i) => `[《${t.title}》](https://example.com/slides/${encodeURIComponent(spec.day)}-${i}.pdf)`).join('<br/>\n');
  const talks = spec.talks
    .map(
      (t) =>
        `**《${t.title}》**\n\n**嘉宾介绍**\n\n${t.speaker}，示例集团工程师，长期从事中间件研发。\n\n` +
        `**议题简介**\n\n介绍 ${t.title} 的设计与落地经验。\n\n**听众收获**\n\n1、了解 ${t.title} 的整体架构；\n`,
    )
    .join('\n');
  return `---
title: ${JSON.stringify(spec.title)}
author: "示例团队"
description: ${JSON.stringify(`${spec.title}：中间件实践`)}
categories: "SOFAMeetup"
tags: ${JSON.stringify(spec.tags)}
date: ${spec.day}T10:00:00+08:00
---

## 概要

- 活动主题：${spec.title}

- 活动时间：${year} 年 ${month} 月 ${day} 日（周六）13:30-17:00

- 活动地点：上海市浦东新区示例路 88 号

- 活动形式：线下活动

- 资料下载：<br/>
${slides}

## 活动介绍

### 本期议题以及嘉宾详解

${talks}`;
}

/** Front matter that does not parse: the page is broken until it is written again. */
export const brokenPage = '---\ntitle: [unclosed\ndate: 2021-01-01\n---\n\n- 活动时间：2021 年 01 月 01 日\n';
