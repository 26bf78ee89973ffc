import { describe, expect, it } from 'vitest';
import { parseSpeakerIntro } from '../src/extract/speaker-intro.js';

describe('parseSpeakerIntro', () => {
  it.each([
    ['祝辰（花名忘禅），蚂蚁集团技术专家，2020年加入', { name: '祝辰', aliases: ['忘禅'], affiliation: '蚂蚁集团' }],
    ['李唯（良恩），蚂蚁集团技术专家。', { name: '李唯', aliases: ['良恩'], affiliation: '蚂蚁集团' }],
    ['杨斌（花名：凯撒），某某银行高级工程师', { name: '杨斌', aliases: ['凯撒'], affiliation: '某某银行' }],
    ['王晔倞，现任API7 VP，Apache APISIX Contributor。', { name: '王晔倞', aliases: [], affiliation: 'API7' }],
    ['郑志雄（花名纶珥），SOFABoot 开源负责人，主要负责蚂蚁集团应用研发框架的开发。', { name: '郑志雄', aliases: ['纶珥'], affiliation: '蚂蚁集团' }],
    ['吕思泉是思科 Webex 产品线 MATS 团队的技术专家', { name: '吕思泉', aliases: [], affiliation: '思科' }],
    ['周以宁，上海云栈科技有限公司资深架构师', { name: '周以宁', aliases: [], affiliation: '上海云栈科技有限公司' }],
    ['Jane Doe, Staff Engineer at Acme Cloud.', { name: 'Jane Doe', aliases: [], affiliation: 'Acme Cloud' }],
    ['靳文祥（花名贾岛）', { name: '靳文祥', aliases: ['贾岛'], affiliation: null }],
  ])('reads %s', (text, expected) => {
    expect(parseSpeakerIntro(text)).toEqual(expected);
  });

  it('does not take a description in brackets for a 花名', () => {
    expect(parseSpeakerIntro('张三（蚂蚁集团高级技术专家，负责中间件），热爱开源')?.aliases).toEqual([]);
  });

  it('finds no name in a sentence that does not open with one', () => {
    expect(parseSpeakerIntro('2017 年加入蚂蚁集团')).toBeNull();
  });
});

describe('a name and an organisation after a slash', () => {
  it('is one person with that organisation when the right side names an organisation, else two people', async () => {
    const { splitPeople } = await import('../src/extract/people.js');
    expect(splitPeople('讲师：李华 / DaoCloud', 1).map((p) => [p.name, p.affiliation])).toEqual([['李华', 'DaoCloud']]);
    expect(splitPeople('讲师：李华 / 示例科技有限公司', 1).map((p) => [p.name, p.affiliation])).toEqual([['李华', '示例科技有限公司']]);
    expect(splitPeople('张三 / 李四', 1).map((p) => p.name)).toEqual(['张三', '李四']);
  });
});

describe('a name joined to what the person does by a dash', () => {
  it('is the name, and the organisation follows the dash', async () => {
    const { parseSpeakerIntro } = await import('../src/extract/speaker-intro.js');
    expect(parseSpeakerIntro('张三-示例科技技术专家')).toMatchObject({ name: '张三', affiliation: '示例科技' });
    expect(parseSpeakerIntro('李四－ExampleDB CTO')).toMatchObject({ name: '李四', affiliation: 'ExampleDB' });
  });
});
